/**
 * BENCHMARKS.md as a list of sections (`## heading` up to the next one), so that a section can
 * be measured again on its own (`npm run bench -- --only throughput`) and put in place of its old
 * text. Each section keeps the figures the summary needs in an HTML comment at its end, and the
 * summary is rebuilt from all of them after every run.
 */
import fs from 'node:fs';

export type Figures = Readonly<Record<string, number>>;

export interface Section {
  readonly heading: string;
  /** The section's text, from its heading on. */
  readonly text: string;
  readonly figures: Figures;
}

const FIGURES = /<!-- figures (\{.*?\}) -->/s;

/** A section's text with its figures kept for later summaries. */
export function section(heading: string, body: string, figures: Figures = {}): Section {
  const comment = Object.keys(figures).length ? `\n<!-- figures ${JSON.stringify(figures)} -->\n` : '';
  return { heading, text: `${heading}\n\n${body.trim()}\n${comment}`, figures };
}

/** The sections of an existing report, by heading (the text before the first one is left out). */
export function readSections(file: string): Map<string, Section> {
  const sections = new Map<string, Section>();
  if (!fs.existsSync(file)) return sections;
  const text = fs.readFileSync(file, 'utf8');
  const starts = [...text.matchAll(/^## .+$/gm)].map((match) => match.index!);
  starts.forEach((start, i) => {
    const body = text.slice(start, starts[i + 1] ?? text.length).trimEnd();
    const heading = body.slice(0, body.indexOf('\n') < 0 ? body.length : body.indexOf('\n'));
    const figures = FIGURES.exec(body)?.[1];
    sections.set(heading, {
      heading,
      text: `${body}\n`,
      figures: figures ? (JSON.parse(figures) as Figures) : {},
    });
  });
  return sections;
}

/**
 * Writes the report: `preamble`, the summary built from every section's figures, then the
 * sections in `order`, each the one measured now or else the one already in the file.
 */
export function writeReport(
  file: string,
  preamble: string,
  order: readonly string[],
  measured: readonly Section[],
  summary: (figures: Figures) => Section,
): void {
  const old = readSections(file);
  const now = new Map(measured.map((entry) => [entry.heading, entry]));
  const sections = order.flatMap((heading) => {
    const entry = now.get(heading) ?? old.get(heading);
    return entry ? [entry] : [];
  });
  const figures = Object.assign({}, ...sections.map((entry) => entry.figures)) as Figures;
  const text = [preamble.trim(), summary(figures).text, ...sections.map((entry) => entry.text)].join('\n\n');
  fs.writeFileSync(file, `${text.trimEnd()}\n`);
}
