import fs from 'node:fs';
import path from 'node:path';
import { type FaqEngine, type KnowledgeBase, projectRoot } from '../../src/nlu';
import { familyMembers } from '../../src/nlu/knowledge-base';
import type { IntentId } from '../../src/nlu/types';
import { realEngine } from '../helpers/engine';

let engine: FaqEngine;
let knowledgeBase: KnowledgeBase;
beforeAll(async () => {
  ({ engine, knowledgeBase } = await realEngine());
});

const source = fs.readFileSync(
  path.join(projectRoot(), 'data', 'source', 'faq-3dsecure-payment-errors.ja.txt'),
  'utf8',
);
/** The source and the answers compared without line breaks, spaces, quotes, width or politeness. */
const flat = (text: string) =>
  text
    .normalize('NFKC')
    .replace(/[\s「」]/g, '')
    .replace(/ご利用/g, '利用')
    .replace(/お問い?合わせ/g, '問合せ')
    .replace(/お?支払い?/g, '支払')
    .replace(/お?申し?込み?/g, '申込');

/** What each section of the source says, in the source's own words. */
const FACTS: Record<string, string[]> = {
  payment_retry: ['マイページ', '支払い手続き', 'マイページ作成完了通知', '支払以外の申込が終わっている方'],
  mypage_login: ['マイページ作成完了通知', '申込ID', 'ログインパスワード', 'マイページへログインできます'],
  payment_unresolved: [
    '3Dセキュア2.0に対応している別のクレジットカード',
    'コンビニエンスストア決済',
    '支払期限',
  ],
  convenience_store: ['コンビニエンスストア決済', 'クレジットカード決済には変更できません'],
  card_previously_worked: ['何らかの理由で判断', '不正検知システムによる利用制限'],
  error_cause: ['エラーの原因', '当センター', 'お答えできません'],
  how_to_register: ['クレジットカード会社によって異なります', '裏面に記載されています'],
  registration_status: ['登録状況', 'クレジットカード会社で'],
};

describe('answer families', () => {
  const families = new Map<string, IntentId[]>();
  for (const answer of loadedAnswers()) {
    if (answer.family) families.set(answer.family, [...(families.get(answer.family) ?? []), answer.intent]);
  }

  it('group the sections of the source that overlap', () => {
    expect([...families.values()].map((members) => [...members].sort())).toEqual([
      ['mypage_login', 'payment_retry'],
      ['convenience_store', 'payment_unresolved'],
      ['card_previously_worked', 'error_cause'],
      ['how_to_register', 'registration_status'],
    ]);
  });

  it('use facts that are in the source document', () => {
    for (const fact of Object.values(FACTS).flat()) {
      expect({ fact, inSource: flat(source).includes(flat(fact)) }).toEqual({ fact, inSource: true });
    }
  });

  it.each(Object.keys(FACTS) as IntentId[])(
    '%s: the reply carries the facts of every section of its family',
    (intent) => {
      const reply = engine.answerFor(intent);
      const members = [intent, ...familyMembers(knowledgeBase, intent)];
      expect(reply.alsoAnswers).toEqual(members.slice(1));
      for (const member of members) {
        for (const fact of FACTS[member]!) {
          expect({ member, fact, inReply: flat(reply.text).includes(flat(fact)) }).toEqual({
            member,
            fact,
            inReply: true,
          });
        }
      }
    },
  );

  it('answer a question between two members without asking which was meant', () => {
    const reply = engine.ask('3Dセキュアの登録ってどこでやるの？もう登録済みかも知りたい');
    expect(reply.kind).toBe('answer');
    expect(['how_to_register', 'registration_status']).toContain(reply.intent);
  });
});

function loadedAnswers() {
  return JSON.parse(fs.readFileSync(path.join(projectRoot(), 'data', 'answers.json'), 'utf8')).answers as {
    intent: IntentId;
    family?: string;
  }[];
}
