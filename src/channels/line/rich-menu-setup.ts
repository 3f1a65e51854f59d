/**
 * Puts the rich menu on LINE: creates it, uploads its image, makes it the default for every
 * user, then deletes the rich menus made before under the same name, so that running it again
 * leaves one. The new menu is the default before the old ones go, so users always have one; a
 * menu left half-made (LINE refused its image) is deleted again. Every step is reported; a step
 * LINE refuses stops it with the status and LINE's message, never the request or the token.
 */
import { HTTPFetchError, type messagingApi } from '@line/bot-sdk';
import { RICH_MENU_NAME } from './rich-menu';

export interface RichMenuClients {
  readonly api: Pick<
    messagingApi.MessagingApiClient,
    'getRichMenuList' | 'createRichMenu' | 'setDefaultRichMenu' | 'deleteRichMenu'
  >;
  /** The data API (api-data.line.me), where images go. */
  readonly data: Pick<messagingApi.MessagingApiBlobClient, 'setRichMenuImage'>;
}

export class LineRichMenuError extends Error {
  constructor(
    readonly step: string,
    readonly status: number | undefined,
    readonly lineMessage: string | undefined,
  ) {
    const answer = status === undefined ? 'no answer' : `${status}${lineMessage ? ` ${lineMessage}` : ''}`;
    super(`LINE refused to ${step}: ${answer}`);
    this.name = 'LineRichMenuError';
  }
}

export interface RichMenuOutcome {
  readonly richMenuId: string;
  /** The rich menus made before, deleted. */
  readonly deleted: readonly string[];
}

/** LINE's message and the details it gives ("size.height: must be..."), never the request. */
function lineMessageOf(body: string): string | undefined {
  try {
    const { message, details } = JSON.parse(body) as {
      message?: unknown;
      details?: { message?: unknown; property?: unknown }[];
    };
    if (typeof message !== 'string') return undefined;
    const more = (Array.isArray(details) ? details : [])
      .map((detail) =>
        [detail.property, detail.message].filter((part) => typeof part === 'string').join(': '),
      )
      .filter(Boolean);
    return [message, ...more].join('; ').slice(0, 500);
  } catch {
    return undefined;
  }
}

/** What fetch's "fetch failed" was about (ECONNREFUSED, ENOTFOUND…). */
function networkReason(error: unknown): string {
  const cause = (error as { cause?: { code?: unknown } } | null)?.cause;
  return typeof cause?.code === 'string' ? cause.code : error instanceof Error ? error.name : 'unknown error';
}

async function step<T>(what: string, call: () => Promise<T>): Promise<T> {
  try {
    return await call();
  } catch (error) {
    if (error instanceof HTTPFetchError)
      throw new LineRichMenuError(what, error.status, lineMessageOf(error.body));
    throw new LineRichMenuError(what, undefined, networkReason(error));
  }
}

export async function setUpRichMenu(
  clients: RichMenuClients,
  menu: messagingApi.RichMenuRequest,
  image: Buffer,
  report: (line: string) => void,
): Promise<RichMenuOutcome> {
  const { api, data } = clients;
  const { richmenus } = await step('list the rich menus', () => api.getRichMenuList());
  const earlier = (richmenus ?? []).filter((existing) => existing.name === RICH_MENU_NAME);
  const { richMenuId } = await step('create the rich menu', () => api.createRichMenu(menu));
  if (typeof richMenuId !== 'string' || !richMenuId) {
    throw new Error('Error at setUpRichMenu: LINE answered the create call without a richMenuId');
  }
  report(`Created rich menu ${richMenuId} (${menu.areas?.length ?? 0} areas)`);
  try {
    const png = new Blob([new Uint8Array(image)], { type: 'image/png' });
    await step('upload the rich menu image', () => data.setRichMenuImage(richMenuId, png));
    report(`Uploaded its image (${image.length.toLocaleString('en')} bytes)`);
    await step('set the default rich menu', () => api.setDefaultRichMenu(richMenuId));
    report(`Set it as the default rich menu`);
  } catch (error) {
    await step('delete the unfinished rich menu', () => api.deleteRichMenu(richMenuId)).then(
      () => report(`Deleted the unfinished rich menu ${richMenuId}`),
      () => report(`Could not delete the unfinished rich menu ${richMenuId}; the next run deletes it`),
    );
    throw error;
  }
  for (const old of earlier) {
    await step(`delete the earlier rich menu ${old.richMenuId}`, () => api.deleteRichMenu(old.richMenuId));
    report(`Deleted the earlier rich menu ${old.richMenuId}`);
  }
  if (!earlier.length) report('No earlier rich menu of this bot to delete');
  return { richMenuId, deleted: earlier.map((old) => old.richMenuId) };
}
