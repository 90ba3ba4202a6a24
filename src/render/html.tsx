/** The reading page (SPEC §5), server-rendered with hono/jsx. Text children are escaped. */

import type { Child } from 'hono/jsx'
import { SUMMARY_LENGTHS } from '../schemas/request'
import type { KeyPoint, TranslationResult } from '../schemas/response'

function Layout(props: { title: string; children: Child }) {
  return (
    <html lang="en">
      <head>
        <meta charset="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <title>{props.title}</title>
        <link rel="icon" href="data:," />
        <link rel="stylesheet" href="/assets/reader.css" />
        <script src="/assets/reader.js" defer></script>
      </head>
      <body>
        <header>
          <p class="brand">
            <a href="/">passage</a>
          </p>
          <p>French news, read in English — paragraph beside paragraph.</p>
        </header>
        <main>{props.children}</main>
        <footer>
          API: <a href="/openapi.json">/openapi.json</a>
        </footer>
      </body>
    </html>
  )
}

/**
 * What opens an edition: the headline in both languages, where and when it was
 * published, and who translated it. The script fills the same elements for a streamed result.
 */
function Masthead(props: { result?: TranslationResult }) {
  const { result } = props
  const headline = result?.paragraphs.find((p) => p.role === 'headline')
  const source = result?.source
  const doubted = result?.paragraphs.filter((p) => p.warnings?.length).length ?? 0
  return (
    <header class="masthead" tabindex={-1} hidden={!result}>
      <h1 class="headline" hidden={!headline}>
        <span class="headline-en" lang="en">
          {headline?.en}
        </span>
        <span class="headline-fr" lang="fr">
          {headline?.fr}
        </span>
      </h1>
      <p class="source" hidden={!source}>
        <span class="site">{source?.site}</span>
        <time class="published" datetime={source?.published ?? ''}>
          {source?.published ? formatDate(source.published) : ''}
        </time>
        <span class="byline">{source?.byline}</span>
        <a
          class="original"
          href={source?.url && /^https?:\/\//.test(source.url) ? source.url : undefined}
          hidden={!source?.url}
          rel="noreferrer noopener"
        >
          Read the original
        </a>
      </p>
      <p class="checked">{result ? checkedLine(result.model, result.paragraphs.length, doubted) : ''}</p>
    </header>
  )
}

/** "Machine-translated from French by gpt-5.4-mini; all 7 paragraphs checked against the French." */
export function checkedLine(model: string, paragraphs: number, doubted: number): string {
  const all = paragraphs === 1 ? 'the one paragraph' : `all ${paragraphs} paragraphs`
  return `Machine-translated from French by ${model}; ${all} checked against the French${doubted > 0 ? ` (${doubted} with a warning to read)` : ''}.`
}

/** "24 November 2026" from an ISO date, in the date's own calendar day; the text as given otherwise. */
export function formatDate(value: string): string {
  const m = /^(\d{4})-(\d{2})-(\d{2})/.exec(value)
  if (!m) return value
  const months = [
    'January',
    'February',
    'March',
    'April',
    'May',
    'June',
    'July',
    'August',
    'September',
    'October',
    'November',
    'December',
  ]
  const month = months[Number(m[2]) - 1]
  return month ? `${Number(m[3])} ${month} ${m[1]}` : value
}

/** Key points in one language, each citing its paragraphs; a citation jumps to (and marks) the paragraph. */
function KeyPoints(props: { points: KeyPoint[] | undefined; lang: 'en' | 'fr' }) {
  const points = props.points ?? []
  return (
    <ol class="key-points" hidden={points.length === 0} aria-label={props.lang === 'en' ? 'Key points' : 'Points clés'}>
      {points.map((point) => (
        <li>
          {point[props.lang]}{' '}
          <span class="cites">
            {point.paragraphs.map((index) => (
              <a
                class="cite"
                href={`#p${index}`}
                data-index={String(index)}
                title={`${props.lang === 'en' ? 'Paragraph' : 'Paragraphe'} ${index + 1}`}
              >
                ¶{index + 1}
              </a>
            ))}
          </span>
        </li>
      ))}
    </ol>
  )
}

/** The toolbar, summary and French | English columns; empty until a stream fills it. */
function ResultView(props: { result?: TranslationResult }) {
  const { result } = props
  return (
    <section id="result" class="result" data-id={result?.id ?? ''} hidden={!result} aria-labelledby="result-title">
      <h2 id="result-title" class="visually-hidden">
        Translation
      </h2>
      <Masthead {...(result ? { result } : {})} />
      <section class="summary" hidden={!result?.summary}>
        <div class="summary-side" lang="en">
          <h2>Summary</h2>
          <p>{result?.summary?.en}</p>
          <KeyPoints points={result?.summary?.key_points} lang="en" />
        </div>
        <div class="summary-side" lang="fr">
          <h2>Résumé</h2>
          <p>{result?.summary?.fr}</p>
          <KeyPoints points={result?.summary?.key_points} lang="fr" />
        </div>
      </section>
      <div class="toolbar" hidden={!result}>
        <a class="share button secondary" href={result ? `/v1/translations/${result.id}` : '#'}>
          Shareable link
        </a>
        <button type="button" class="secondary" data-copy="english">
          Copy English
        </button>
        <button type="button" class="secondary" data-copy="markdown">
          Copy Markdown
        </button>
        <label class="toggle">
          <input type="checkbox" id="english-only" /> English only
        </label>
      </div>
      <div class="columns-head" aria-hidden="true">
        <span class="fr">Français</span>
        <span>English</span>
      </div>
      <ol class="pairs">
        {(result?.paragraphs ?? []).map((p) => (
          <li class={p.role ? `pair ${p.role}` : 'pair'} id={`p${p.index}`} data-index={String(p.index)}>
            <p class="fr" lang="fr">
              {p.fr}
            </p>
            <p class="en" lang="en">
              {p.en}
            </p>
            {p.warnings?.length ? <p class="warning">⚠ {p.warnings.join('; ')}</p> : null}
          </li>
        ))}
      </ol>
    </section>
  )
}

/** The token's usage, filled in from GET /v1/usage by the page's script; hidden until it answers. */
function UsageView() {
  return (
    <section id="usage" class="usage" hidden aria-labelledby="usage-title">
      <h2 id="usage-title">Your usage, last 30 days</h2>
      <p id="usage-totals"></p>
      <table id="usage-days" hidden>
        <thead>
          <tr>
            <th scope="col">Day (UTC)</th>
            <th scope="col">Articles</th>
            <th scope="col">Paragraphs</th>
            <th scope="col">Model calls</th>
            <th scope="col">Tokens in / out</th>
            <th scope="col">From cache</th>
          </tr>
        </thead>
        <tbody></tbody>
      </table>
    </section>
  )
}

/** GET /: paste or drop an article, watch it stream, read it. */
export function renderReaderPage(): string {
  return (
    '<!doctype html>' +
    (
      <Layout title="passage — French articles, read in English">
        <form id="translate-form">
          <p class="summary-line" hidden>
            <span id="form-summary"></span>{' '}
            <button type="button" class="secondary" id="edit-form">
              Translate another
            </button>
          </p>
          <label for="url">Link to a French news article</label>
          <input
            type="url"
            id="url"
            name="url"
            inputmode="url"
            autocomplete="url"
            placeholder="https://www.lemonde.fr/…"
          />
          <label for="article">Or the article's text (one paragraph per line)</label>
          <textarea
            id="article"
            name="text"
            placeholder="Collez ici un article en français, ou déposez un fichier .txt…"
          ></textarea>
          <div class="options">
            <label>
              Or a .txt file
              <input type="file" id="file" accept=".txt,text/plain" />
            </label>
            <label>
              Summary
              <select id="summary" name="summary">
                {SUMMARY_LENGTHS.map((length) => (
                  <option value={length} selected={length === 'standard'}>
                    {length}
                  </option>
                ))}
              </select>
            </label>
            <label>
              API token (kept in this browser)
              <input type="password" id="token" autocomplete="off" placeholder="if this deployment needs one" />
            </label>
            <button type="submit">Translate</button>
          </div>
        </form>
        <section id="progress" hidden>
          <progress id="progress-bar" max="1" value="0" aria-labelledby="progress-text"></progress>
          <span id="progress-text" role="status" aria-live="polite">
            0 / 0 paragraphs
          </span>
        </section>
        <p id="error" class="error" role="alert" tabindex={-1} hidden></p>
        <ResultView />
        <UsageView />
      </Layout>
    ).toString()
  )
}

/** GET /v1/translations/{id} as HTML: the same view for a stored result, a shareable link. */
export function renderResultPage(result: TranslationResult): string {
  const first = result.paragraphs.find((p) => p.role === 'headline')?.en ?? result.paragraphs[0]?.en ?? 'Translation'
  return (
    '<!doctype html>' +
    (
      <Layout title={`${wholeWords(first, 80)} — passage`}>
        <p>
          <a href="/">Translate another article</a>
        </p>
        <ResultView result={result} />
      </Layout>
    ).toString()
  )
}

/** At most `max` characters, cut at a word boundary with an ellipsis: a tab title never ends mid-word. */
export function wholeWords(text: string, max: number): string {
  if (text.length <= max) return text
  const cut = text.slice(0, max - 1)
  const space = cut.lastIndexOf(' ')
  return `${(space > max / 2 ? cut.slice(0, space) : cut).replace(/[\s,;:–—-]+$/u, '')}…`
}
