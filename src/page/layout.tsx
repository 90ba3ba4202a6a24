/** The frame of every page: head, masthead of the site, footer; a notice in replay mode. */

import type { Child } from 'hono/jsx'

export interface PageOptions {
  /** The worker answers from recordings: say so on the page. */
  replay: boolean
}

export function Layout(props: { title: string; replay: boolean; children: Child }) {
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
        <main>
          {props.replay ? (
            <p class="notice">
              Replay mode: no OPENAI_API_KEY is set, so answers come from the recorded translations in
              fixtures/recordings (the bundled article fixtures/articles/seed.fr.txt). Set a key to translate anything
              else.
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
