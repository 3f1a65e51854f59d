/*
 * FAQ chat bubble launcher. One tag adds it to any page:
 *   <script src="https://<bot host>/webchat/bubble.js" defer></script>
 * Optional: data-title="…" (the panel's heading). The page's CSP nonce, if any, is reused.
 * Web Chat (botframework-webchat, served by the bot) is loaded only when the bubble is opened.
 * The conversation survives reloads and pages of the same site: its id and resume key are kept
 * in the tab's sessionStorage, and the token endpoint resumes it while it lives.
 */
(function faqBubble() {
  'use strict';
  if (window.faqBubble) return;

  var script = document.currentScript;
  var base = new URL('..', script.src).href.replace(/\/$/, '');
  var nonce = script.nonce || undefined;
  var webChatUrl = base + '__WEBCHAT_SCRIPT__';
  var title = script.getAttribute('data-title') || 'お支払い・3-Dセキュアのご質問';
  var STORAGE_KEY = 'faqBubble.conversation';
  var EXPIRED_NOTE = '前回の会話は、しばらく操作がなかったため終了しました。新しい会話を始めます。';
  // DirectLineJS's connection states that end a conversation for this page.
  var EXPIRED_TOKEN = 3;
  var FAILED_TO_CONNECT = 4;
  var ENDED = 5;

  var css =
    '.fqb-launcher{position:fixed;right:20px;bottom:20px;z-index:2147483000;display:flex;align-items:center;gap:8px;' +
    'padding:12px 18px;border:0;border-radius:28px;background:#0b5cad;color:#fff;font:bold 15px/1.2 sans-serif;' +
    'box-shadow:0 4px 14px rgba(0,0,0,.25);cursor:pointer}' +
    '.fqb-launcher:hover{background:#094a8b}.fqb-launcher:focus-visible{outline:3px solid #f5a623;outline-offset:2px}' +
    '.fqb-badge{min-width:20px;padding:2px 6px;border-radius:10px;background:#d93025;color:#fff;font-size:12px;text-align:center}' +
    '.fqb-badge[hidden]{display:none}' +
    '.fqb-panel{position:fixed;right:20px;bottom:84px;z-index:2147483001;display:flex;flex-direction:column;' +
    'width:380px;height:min(640px,calc(100vh - 110px));background:#fff;border-radius:12px;overflow:hidden;' +
    'box-shadow:0 8px 30px rgba(0,0,0,.3);font-family:sans-serif}' +
    // Minimized stays laid out (only invisible) so Web Chat keeps the transcript scrolled to the end.
    '.fqb-panel[hidden]{visibility:hidden;pointer-events:none}' +
    '.fqb-header{display:flex;align-items:center;justify-content:space-between;padding:10px 14px;background:#0b5cad;color:#fff}' +
    '.fqb-header h2{margin:0;font-size:15px}' +
    '.fqb-minimize{border:0;background:transparent;color:#fff;font-size:22px;line-height:1;padding:2px 8px;cursor:pointer;border-radius:4px}' +
    '.fqb-minimize:focus-visible{outline:2px solid #fff}' +
    '.fqb-status{margin:12px;color:#333;font-size:14px}.fqb-status[hidden]{display:none}' +
    '.fqb-status button{margin-left:8px}' +
    '.fqb-webchat{flex:1;min-height:0}' +
    '@media (max-width:480px){.fqb-panel{inset:0;width:auto;height:auto;border-radius:0}' +
    '.fqb-open .fqb-launcher{display:none}}';

  function element(tag, attributes, text) {
    var node = document.createElement(tag);
    Object.keys(attributes).forEach(function (name) {
      node.setAttribute(name, attributes[name]);
    });
    if (text) node.textContent = text;
    return node;
  }

  var style = element('style', nonce ? { nonce: nonce } : {});
  style.textContent = css;

  var root = element('div', { class: 'fqb', lang: 'ja' });
  var launcher = element('button', {
    type: 'button',
    class: 'fqb-launcher',
    'aria-expanded': 'false',
    'aria-controls': 'fqb-panel',
  });
  var label = element('span', {}, 'チャットで質問する');
  var badge = element('span', { class: 'fqb-badge', 'aria-hidden': 'true', hidden: '' });
  launcher.append(label, badge);

  var panel = element('section', {
    id: 'fqb-panel',
    class: 'fqb-panel',
    role: 'dialog',
    'aria-labelledby': 'fqb-title',
    hidden: '',
  });
  var header = element('div', { class: 'fqb-header' });
  var minimizeButton = element(
    'button',
    { type: 'button', class: 'fqb-minimize', 'aria-label': 'チャットを最小化' },
    '－',
  );
  header.append(element('h2', { id: 'fqb-title' }, title), minimizeButton);
  var status = element('p', { class: 'fqb-status', role: 'status', hidden: '' });
  var webChatHost = element('div', { class: 'fqb-webchat' });
  panel.append(header, status, webChatHost);
  root.append(launcher, panel);

  var opened = false;
  var started = false;
  var unread = 0;
  /** The conversation this tab is in: { conversationId, key, lastActive, open }, kept in sessionStorage. */
  var kept = readKept();
  var directLine;
  var connection;

  // sessionStorage can be unavailable (storage disabled) or full: the bubble then works per page.
  function readKept() {
    try {
      var value = JSON.parse(window.sessionStorage.getItem(STORAGE_KEY) || 'null');
      return value && typeof value.conversationId === 'string' && typeof value.key === 'string'
        ? value
        : undefined;
    } catch {
      return undefined;
    }
  }

  function keep(changes) {
    if (!kept) return;
    Object.keys(changes).forEach(function (name) {
      kept[name] = changes[name];
    });
    try {
      window.sessionStorage.setItem(STORAGE_KEY, JSON.stringify(kept));
    } catch {
      // Not kept: a reload starts a new conversation.
    }
  }

  function showUnread() {
    badge.textContent = String(unread);
    badge.hidden = unread === 0;
    launcher.setAttribute(
      'aria-label',
      unread ? 'チャットで質問する（未読 ' + unread + ' 件）' : 'チャットで質問する',
    );
  }

  function showStatus(text, retry) {
    status.textContent = text;
    status.hidden = !text;
    if (retry) {
      var again = element('button', { type: 'button' }, 'もう一度試す');
      again.addEventListener('click', function retry() {
        start(true);
      });
      status.append(again);
    }
  }

  function focusSendBox() {
    var input = panel.querySelector('[data-id="webchat-sendbox-input"], textarea, input[type="text"]');
    if (input) input.focus();
  }

  /** Shows the panel, starting the conversation the first time; focus goes to the send box if asked. */
  function show(focus) {
    opened = true;
    keep({ open: true });
    panel.hidden = false;
    root.classList.add('fqb-open');
    launcher.setAttribute('aria-expanded', 'true');
    unread = 0;
    showUnread();
    if (!started) start(focus);
    else if (focus) focusSendBox();
  }

  function open() {
    show(true);
  }

  function minimize() {
    opened = false;
    keep({ open: false });
    panel.hidden = true;
    root.classList.remove('fqb-open');
    launcher.setAttribute('aria-expanded', 'false');
    launcher.focus();
  }

  function loadWebChat() {
    if (window.WebChat) return Promise.resolve();
    return new Promise(function (resolve, reject) {
      var tag = element('script', nonce ? { src: webChatUrl, nonce: nonce } : { src: webChatUrl });
      tag.onload = resolve;
      tag.onerror = reject;
      document.head.append(tag);
    });
  }

  /** A token for the kept conversation if it still lives, else for a new one. */
  function fetchToken() {
    var request = { method: 'POST', credentials: 'omit' };
    if (kept) {
      request.headers = { 'Content-Type': 'application/json' };
      request.body = JSON.stringify({
        resume: {
          conversationId: kept.conversationId,
          key: kept.key,
          idleSeconds: Math.max(0, Math.round((Date.now() - (kept.lastActive || 0)) / 1000)),
        },
      });
    }
    return fetch(base + '/api/directline/token', request).then(function (response) {
      if (response.status === 503 || response.status === 429) throw new Error('busy');
      if (!response.ok) throw new Error('token ' + response.status);
      return response.json();
    });
  }

  /**
   * Web Chat's store middleware: notes when the conversation was last active, counts the bot's
   * messages that arrive while the panel is minimized, and clears a note once the visitor writes.
   */
  function followActivities() {
    return function (next) {
      return function (action) {
        if (action.type === 'DIRECT_LINE/POST_ACTIVITY') showStatus('');
        if (action.type === 'DIRECT_LINE/INCOMING_ACTIVITY') {
          keep({ lastActive: Date.now() });
          var activity = action.payload.activity;
          if (!opened && activity.type === 'message' && activity.from && activity.from.role === 'bot') {
            unread += 1;
            showUnread();
          }
        }
        return next(action);
      };
    };
  }

  /**
   * When the conversation ends under the page (the tab slept past its expiry, or its token
   * expired), the bubble asks for it again: resumed if it still lives, otherwise a new one with
   * a note, never Web Chat's connection error.
   */
  function watch(connectionStatus$) {
    if (connection) connection.unsubscribe();
    connection = connectionStatus$.subscribe(function (status) {
      if (status !== EXPIRED_TOKEN && status !== FAILED_TO_CONNECT && status !== ENDED) return;
      connection.unsubscribe();
      directLine.end();
      start(panel.contains(document.activeElement));
    });
  }

  function render(token, note, focus) {
    var WebChat = window.WebChat;
    // A resumed conversation is reconnected with its id and no watermark, so its history is
    // replayed; in Azure mode by polling (a WebSocket would replay only what comes next).
    var resumedId = token.resumed ? token.conversationId : undefined;
    directLine =
      token.mode === 'local'
        ? WebChat.createDirectLine({
            token: token.token,
            conversationId: resumedId,
            domain: base + '/v3/directline',
            webSocket: false,
          })
        : WebChat.createDirectLine({
            token: token.token,
            conversationId: resumedId,
            domain: token.domain,
            webSocket: !token.resumed,
          });
    watch(directLine.connectionStatus$);
    WebChat.renderWebChat(
      {
        directLine: directLine,
        store: WebChat.createStore({}, followActivities),
        // An Azure token carries its dl_ user id itself; the local one is told here.
        userID: token.mode === 'local' ? token.userId : undefined,
        locale: 'ja-JP',
        nonce: nonce,
        styleOptions: {
          hideUploadButton: true,
          sendBoxTextWrap: true,
          suggestedActionLayout: 'stacked',
          suggestedActionsStackedLayoutButtonTextWrap: true,
          // A follow-up question can carry ten buttons: they scroll, the answer stays in view.
          suggestedActionsStackedHeight: 176,
          suggestedActionsStackedOverflow: 'auto',
          accent: '#0b5cad',
          primaryFont: "'Hiragino Sans', 'Noto Sans JP', 'Yu Gothic', Meiryo, sans-serif",
          bubbleBorderRadius: 8,
          bubbleFromUserBorderRadius: 8,
        },
      },
      webChatHost,
    );
    showStatus(note);
    if (focus) setTimeout(focusSendBox, 0);
  }

  function start(focus) {
    started = true;
    showStatus('チャットを準備しています…');
    var asked = kept;
    Promise.all([fetchToken(), loadWebChat()])
      .then(function (results) {
        var token = results[0];
        var lastActive = token.resumed ? asked.lastActive : Date.now();
        kept = { conversationId: token.conversationId, key: token.resumeKey, lastActive: lastActive };
        keep({ open: opened });
        render(token, asked && !token.resumed ? EXPIRED_NOTE : '', focus);
      })
      .catch(function (error) {
        started = false;
        showStatus(
          error && error.message === 'busy'
            ? 'ただいま混み合っています。しばらくしてから、もう一度お試しください。'
            : 'チャットに接続できませんでした。通信環境をご確認のうえ、もう一度お試しください。',
          true,
        );
      });
  }

  launcher.addEventListener('click', function toggle() {
    if (opened) minimize();
    else open();
  });
  minimizeButton.addEventListener('click', minimize);
  panel.addEventListener('keydown', function onKeyDown(event) {
    if (event.key === 'Escape') minimize();
  });
  // Enter that confirms a Japanese IME conversion must not send the message. Web Chat already
  // ignores it while isComposing is set (checked in Chromium); Safari ends the composition
  // before that keydown and marks it only with keyCode 229, so stop such an Enter here, on an
  // ancestor of Web Chat's listeners, in the capture phase.
  ['keydown', 'keypress'].forEach(function (type) {
    panel.addEventListener(
      type,
      function ignoreImeEnter(event) {
        if (event.key === 'Enter' && (event.isComposing || event.keyCode === 229)) event.stopPropagation();
      },
      true,
    );
  });

  function mount() {
    document.head.append(style);
    document.body.append(root);
    // Open on this page if it was open on the last one, without taking the page's focus.
    if (kept && kept.open) show(false);
  }
  if (document.body) mount();
  else document.addEventListener('DOMContentLoaded', mount);

  window.faqBubble = { open: open, minimize: minimize };
})();
