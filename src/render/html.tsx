/** The reading page (SPEC §5), server-rendered with hono/jsx. Text children are escaped. */

import type { Child } from 'hono/jsx'
import { SUMMARY_LENGTHS } from '../schemas/request'
import type { TranslationResult } from '../schemas/response'

export interface PageOptions {
  /** The worker answers from recordings: say so on the page. */
  replay: boolean
}

function Layout(props: { title: string; replay: boolean; children: Child }) {
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
          <h1>
            <a href="/">passage</a>
          </h1>
          <p>French news, read in English — paragraph beside paragraph.</p>
        </header>
        <main>
          {props.replay ? (
            <p class="notice">
              Replay mode: no OPENAI_API_KEY is set, so answers come from the recorded translations in fixtures/recordings
              (the bundled article fixtures/articles/seed.fr.txt). Set a key to translate anything else.
            </p>
          ) : null}
          {props.children}
        </main>
        <footer>
          API: <a href="/openapi.json">/openapi.json</a>
        </footer>
      </body>
    </html>
  )
}

/** The toolbar, summary and French | English columns; empty until a stream fills it. */
function ResultView(props: { result?: TranslationResult }) {
  const { result } = props
  return (
    <section id="result" class="result" data-id={result?.id ?? ''} hidden={!result}>
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
      <section class="summary" hidden={!result?.summary}>
        <div class="summary-side" lang="en">
          <h2>Summary</h2>
          <p>{result?.summary?.en}</p>
        </div>
        <div class="summary-side" lang="fr">
          <h2>Résumé</h2>
          <p>{result?.summary?.fr}</p>
        </div>
      </section>
      <div class="columns-head" aria-hidden="true">
        <span class="fr">Français</span>
        <span>English</span>
      </div>
      <ol class="pairs">
        {(result?.paragraphs ?? []).map((p) => (
          <li class="pair" data-index={String(p.index)}>
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

/** GET /: paste or drop an article, watch it stream, read it. */
export function renderReaderPage(options: PageOptions): string {
  return (
    '<!doctype html>' +
    (
      <Layout title="passage — French articles, read in English" replay={options.replay}>
        <form id="translate-form">
          <label for="article">French article (one paragraph per line)</label>
          <textarea id="article" name="text" required placeholder="Collez ici un article en français, ou déposez un fichier .txt…"></textarea>
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
          <progress id="progress-bar" max="1" value="0"></progress>
          <span id="progress-text">0 / 0 paragraphs</span>
        </section>
        <p id="error" class="error" role="alert" hidden></p>
        <ResultView />
      </Layout>
    ).toString()
  )
}

/** GET /v1/translations/{id} as HTML: the same view for a stored result, a shareable link. */
export function renderResultPage(result: TranslationResult, options: PageOptions): string {
  const first = result.paragraphs[0]?.en ?? 'Translation'
  return (
    '<!doctype html>' +
    (
      <Layout title={`${first.slice(0, 80)} — passage`} replay={options.replay}>
        <p>
          <a href="/">Translate another article</a>
        </p>
        <ResultView result={result} />
      </Layout>
    ).toString()
  )
}
