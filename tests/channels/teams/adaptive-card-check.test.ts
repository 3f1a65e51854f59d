import { adaptiveCardProblems } from '../../helpers/adaptive-card';

const card = (body: unknown[], version = '1.5') => ({ type: 'AdaptiveCard', version, body });
const submit = (title: string) => ({
  type: 'Action.Submit',
  title,
  data: { msteams: { type: 'imBack', value: title } },
});

describe('the Adaptive Card check the Teams tests rely on', () => {
  it('accepts a card that Teams renders', () => {
    expect(
      adaptiveCardProblems({
        ...card([
          { type: 'TextBlock', text: '見出し', wrap: true, weight: 'Bolder', style: 'heading' },
          { type: 'FactSet', facts: [{ title: '意図', value: 'otp_delivery' }] },
          { type: 'ActionSet', actions: [submit('一覧')] },
        ]),
        msteams: { width: 'Full' },
      }),
    ).toEqual([]);
  });

  it.each([
    ['a card version Teams does not render', card([], '1.6'), /version/],
    ['an element type outside the schema', card([{ type: 'Carousel', pages: [] }]), /Unknown element type/],
    [
      'a value outside the schema',
      card([{ type: 'TextBlock', text: 'x', weight: 'Heavy' }]),
      /Invalid value/,
    ],
    ['a misspelled property', card([{ type: 'TextBlock', text: 'x', wieght: 'Bolder' }]), /wieght/],
    [
      'a link button without a URL',
      card([{ type: 'ActionSet', actions: [{ type: 'Action.OpenUrl', title: 'x' }] }]),
      /url/,
    ],
    [
      'more actions in one set than Teams shows',
      card([{ type: 'ActionSet', actions: ['1', '2', '3', '4', '5', '6', '7'].map(submit) }]),
      /Maximum number of actions/,
    ],
  ])('reports %s', (_name, json, problem) => {
    expect(adaptiveCardProblems(json).join('\n')).toMatch(problem);
  });
});
