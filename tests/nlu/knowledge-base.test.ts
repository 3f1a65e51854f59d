import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { loadKnowledgeBase, projectRoot } from '../../src/nlu';
import { ALL_INTENTS, FAQ_INTENTS } from '../../src/nlu/types';

const root = projectRoot();

const copies: string[] = [];
afterAll(() => {
  for (const dir of copies) fs.rmSync(dir, { recursive: true, force: true });
});

/** A copy of data/ and intents/ that a test may break. */
function copyOfData(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'faq-kb-'));
  copies.push(dir);
  fs.writeFileSync(path.join(dir, 'package.json'), '{}');
  fs.cpSync(path.join(root, 'data'), path.join(dir, 'data'), { recursive: true });
  fs.cpSync(path.join(root, 'intents'), path.join(dir, 'intents'), { recursive: true });
  return dir;
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- tests break the data freely
function editJson(file: string, edit: (json: any) => void): void {
  const json = JSON.parse(fs.readFileSync(file, 'utf8'));
  edit(json);
  fs.writeFileSync(file, JSON.stringify(json));
}

describe('the knowledge base', () => {
  const knowledgeBase = loadKnowledgeBase();

  it('has an answer and utterances for every intent', () => {
    for (const intent of ALL_INTENTS) {
      expect(knowledgeBase.answers.get(intent)).toBeDefined();
      expect(knowledgeBase.utterances.get(intent)?.length).toBeGreaterThan(0);
    }
  });

  it('has at least 30 distinct hand-written utterances for each FAQ intent', () => {
    for (const intent of FAQ_INTENTS) {
      const utterances = knowledgeBase.utterances.get(intent) ?? [];
      expect({ intent, count: new Set(utterances).size >= 30 }).toEqual({ intent, count: true });
    }
  });

  it('keeps the dev and hold-out sets out of the team’s utterances', () => {
    const training = new Set([...knowledgeBase.utterances.values()].flat());
    for (const set of ['dev-set.jsonl', 'holdout-set.jsonl']) {
      const questions = fs
        .readFileSync(path.join(root, 'tests', 'fixtures', set), 'utf8')
        .split('\n')
        .filter(Boolean)
        .map((line) => JSON.parse(line).text as string);
      expect(questions.filter((question) => training.has(question))).toEqual([]);
    }
  });

  it('reads every independent writer’s set, the sealed ones marked', () => {
    expect(knowledgeBase.writerSets.length).toBeGreaterThanOrEqual(4);
    expect(
      knowledgeBase.writerSets.reduce((sum, set) => sum + set.questions.length, 0),
    ).toBeGreaterThanOrEqual(400);
    expect(knowledgeBase.writerSets.filter((set) => set.sealed).map((set) => set.name)).toEqual([
      'sealed-almost-in-scope',
      'sealed-company-mail',
      'sealed-context-mix',
      'sealed-evening-phone',
      'sealed-first-timers',
      'sealed-it-literate',
      'sealed-line-dialect',
      'sealed-mixed',
      'sealed-near-miss-4',
      'sealed-on-behalf',
      'sealed-page-readers',
      'sealed-planners',
      'sealed-quick-chat',
      'sealed-relayed',
      'sealed-same-names-5',
      'sealed-sms-trouble',
    ]);
  });

  it('lists the 19 card companies and 5 brands of the source with https links', () => {
    const ids = knowledgeBase.cardCompanies.map((company) => company.id);
    expect(ids).toEqual(
      'aupay paypay tscubic uccard dcard aplus aeon epos micard orico jaccs saison sevencard softbank viewcard lexus smbc nicos rakuten visa mastercard jcb amex diners'.split(
        ' ',
      ),
    );
    expect(knowledgeBase.cardCompaniesAsOf).toBe('令和7年3月27日現在');
  });

  it('names the file and the field when an answer is missing its text', () => {
    const dir = copyOfData();
    editJson(path.join(dir, 'data', 'answers.json'), (json) => {
      delete json.answers[0].text;
    });
    expect(() => loadKnowledgeBase(dir)).toThrow(/answers\.json.*answers\[0\]\.text/);
  });

  it('refuses an intent file for an unknown intent', () => {
    const dir = copyOfData();
    fs.writeFileSync(
      path.join(dir, 'intents', 'weather.json'),
      JSON.stringify({ intent: 'weather', utterances: ['晴れ?'] }),
    );
    expect(() => loadKnowledgeBase(dir)).toThrow(/weather\.json.*expected intent to be one of/);
  });

  it('refuses a card company link that is not https', () => {
    const dir = copyOfData();
    editJson(path.join(dir, 'data', 'card-companies.json'), (json) => {
      json.companies[0].url = 'http://example.com/';
    });
    expect(() => loadKnowledgeBase(dir)).toThrow(/card-companies\.json.*https/);
  });
});
