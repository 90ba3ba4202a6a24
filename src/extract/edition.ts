/** An extracted article → the text to translate, and the edition that goes with the result. */

import type { ArticleSource, ParagraphRole } from '../schemas/response'
import type { ExtractedArticle } from './extract-article'

/** An article read from a page: where it came from, and which paragraphs are its headline and standfirst. */
export interface Edition {
  source: ArticleSource
  roles: Partial<Record<number, ParagraphRole>>
}

/**
 * The headline is paragraph 0 and the standfirst (when there is one) paragraph 1, so
 * both are translated and checked like the body; `source` says where the page came from.
 */
export function editionOf(article: ExtractedArticle, fetchedFrom?: string): { text: string; edition: Edition } {
  const paragraphs = [article.headline, ...(article.standfirst ? [article.standfirst] : []), ...article.paragraphs]
  const url = article.canonicalUrl && /^https?:\/\//.test(article.canonicalUrl) ? article.canonicalUrl : fetchedFrom
  return {
    text: paragraphs.join('\n'),
    edition: {
      source: {
        ...(url ? { url } : {}),
        ...(article.site
          ? { site: article.site }
          : fetchedFrom
            ? { site: new URL(fetchedFrom).hostname.replace(/^www\./, '') }
            : {}),
        title: article.headline,
        ...(article.published ? { published: article.published } : {}),
        ...(article.byline ? { byline: article.byline } : {}),
      },
      roles: article.standfirst ? { 0: 'headline', 1: 'standfirst' } : { 0: 'headline' },
    },
  }
}
