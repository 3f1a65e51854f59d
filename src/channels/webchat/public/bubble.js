/*
 * FAQ chat bubble launcher. One tag adds it to any page:
 *   <script src="https://<bot host>/webchat/bubble.js" defer></script>
 * Optional: data-title="…" (the panel's heading). The page's CSP nonce, if any, is reused.
 * Web Chat (botframework-webchat, served by the bot) is loaded only when the bubble is opened.
 */
(function faqBubble() {
  'use strict';
  if (window.faqBubble) return;

  var script = document.currentScript;
  var base = new URL('..', script.src).href.replace(/\/$/, '');
  var nonce = script.nonce || undefined;
  var webChatUrl = base + '__WEBCHAT_SCRIPT__';
  var title = script.getAttribute('data-title') || 'お支払い・3-Dセキュアのご質問';

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
      again.addEventListener('click', start);
      status.append(again);
    }
  }

  function focusSendBox() {
    var input = panel.querySelector('[data-id="webchat-sendbox-input"], textarea, input[type="text"]');
    if (input) input.focus();
  }

  function open() {
    opened = true;
    panel.hidden = false;
    root.classList.add('fqb-open');
    launcher.setAttribute('aria-expanded', 'true');
    unread = 0;
    showUnread();
    if (started) focusSendBox();
    else start();
  }

  function minimize() {
    opened = false;
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

  function fetchToken() {
    return fetch(base + '/api/directline/token', { method: 'POST', credentials: 'omit' }).then(
      function (response) {
        if (response.status === 503 || response.status === 429) throw new Error('busy');
        if (!response.ok) throw new Error('token ' + response.status);
        return response.json();
      },
    );
  }

  /** Counts the bot's messages that arrive while the panel is minimized. */
  function countUnread() {
    return function (next) {
      return function (action) {
        if (action.type === 'DIRECT_LINE/INCOMING_ACTIVITY') {
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

  function render(token) {
    var WebChat = window.WebChat;
    var directLine =
      token.mode === 'local'
        ? WebChat.createDirectLine({ token: token.token, domain: base + '/v3/directline', webSocket: false })
        : WebChat.createDirectLine({ token: token.token, domain: token.domain });
    WebChat.renderWebChat(
      {
        directLine: directLine,
        store: WebChat.createStore({}, countUnread),
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
    showStatus('');
    setTimeout(focusSendBox, 0);
  }

  function start() {
    started = true;
    showStatus('チャットを準備しています…');
    Promise.all([fetchToken(), loadWebChat()])
      .then(function (results) {
        render(results[0]);
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
  }
  if (document.body) mount();
  else document.addEventListener('DOMContentLoaded', mount);

  window.faqBubble = { open: open, minimize: minimize };
})();
