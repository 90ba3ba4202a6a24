/** The reading page, server-rendered with hono/jsx: the form, and a stored result. */

import { SUMMARY_LENGTHS } from '../schemas/request'
import type { TranslationResult } from '../schemas/response'
import { Layout } from './layout'
import { wholeWords } from './text'
import { ResultView } from './result-view'

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
