/** The frame of every page: head, masthead of the site, footer. */

import type { Child } from 'hono/jsx'

export function Layout(props: { title: string; children: Child }) {
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
