/**
 * A translation as the page shows it: masthead, summary and key points, French | English
 * columns. Server-rendered for a stored result; the page's script fills the same elements
 * while a translation streams in. Text children are escaped by hono/jsx.
 */

import type { KeyPoint, TranslationResult } from '../schemas/response'
import { checkedLine, formatDate, keepFiguresTogether } from './text'

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
          {headline ? keepFiguresTogether(headline.fr) : undefined}
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

/** Key points in one language, each citing its paragraphs; a citation jumps to (and marks) the paragraph. */
function KeyPoints(props: { points: KeyPoint[] | undefined; lang: 'en' | 'fr' }) {
  const points = props.points ?? []
  const label = props.lang === 'en' ? 'Key points' : 'Points clés'
  return (
    <ol class="key-points" hidden={points.length === 0} aria-label={label}>
      {points.map((point) => (
        <li>
          {props.lang === 'fr' ? keepFiguresTogether(point.fr) : point.en}{' '}
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
export function ResultView(props: { result?: TranslationResult }) {
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
          <p>{result?.summary ? keepFiguresTogether(result.summary.fr) : undefined}</p>
          <KeyPoints points={result?.summary?.key_points} lang="fr" />
        </div>
        <p class="warning summary-warning" hidden={!result?.summary?.warnings?.length}>
          {result?.summary?.warnings?.length ? `⚠ Check this summary: ${result.summary.warnings.join('; ')}` : ''}
        </p>
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
            <p class="fr" lang={p.language ?? 'fr'}>
              {keepFiguresTogether(p.fr)}
            </p>
            <p class="en" lang="en">
              {p.en}
            </p>
            {p.warnings?.length ? <p class="warning">⚠ {p.warnings.join('; ')}</p> : null}
            {p.language === 'en' ? <p class="note">In English in the article: kept as it is, not translated.</p> : null}
          </li>
        ))}
      </ol>
    </section>
  )
}
