// passage reading page: paste or drop an article, stream its translation, read it.
// Plain script, no build step; checkedLine, formatDate, wholeWords, keepFiguresTogether and decodeTextFile come from
// src/page/text.ts, prepended as source when the script is served. Article text is only ever set with textContent.
;(() => {
  'use strict'
  const $ = (selector, root = document) => root.querySelector(selector)
  const TOKEN_KEY = 'passage.token'

  const form = $('#translate-form')
  const article = $('#article')
  const token = $('#token')
  const progress = $('#progress')
  const bar = $('#progress-bar')
  const progressText = $('#progress-text')
  const errorBox = $('#error')
  const link = $('#url')
  const RESULT_ADDRESS = /^#(tr_[A-Za-z0-9_-]{26})$/
  // Only the latest usage call's answer is shown (the token may change while one is out).
  let usageAsked = 0

  wireResult($('#result'))
  if (!form) return

  // The token lives in this browser only.
  token.value = localStorage.getItem(TOKEN_KEY) ?? ''
  token.addEventListener('change', () => {
    if (token.value) localStorage.setItem(TOKEN_KEY, token.value)
    else localStorage.removeItem(TOKEN_KEY)
    loadUsage()
  })
  loadUsage()

  // Drop a .txt file on the text area, or pick one: its bytes are read as UTF-8, or as windows-1252
  // when they are not UTF-8 (file.text() would put U+FFFD in place of every accented letter).
  const readFile = (file) => {
    if (!file) return
    file.arrayBuffer().then((buffer) => {
      article.value = decodeTextFile(new Uint8Array(buffer))
    })
  }
  $('#file').addEventListener('change', (event) => readFile(event.target.files[0]))
  article.addEventListener('dragover', (event) => {
    event.preventDefault()
    article.classList.add('dragging')
  })
  article.addEventListener('dragleave', () => article.classList.remove('dragging'))
  article.addEventListener('drop', (event) => {
    event.preventDefault()
    article.classList.remove('dragging')
    readFile(event.dataTransfer.files[0])
  })

  // The form folds to one line while a result is read; this opens it again.
  $('#edit-form').addEventListener('click', () => {
    collapseForm(false)
    ;(link.value ? link : article).focus()
  })

  form.addEventListener('submit', async (event) => {
    event.preventDefault()
    const url = link.value.trim()
    if (!url && !article.value.trim()) {
      showError('Paste a link to a French article, or its text.')
      return
    }
    const button = $('button[type=submit]', form)
    button.disabled = true
    const result = $('#result')
    clearResult(result)
    showError('')
    setProgress(0, 0)
    progress.hidden = false
    let failed = false
    try {
      const headers = { 'Content-Type': 'application/json', Accept: 'text/event-stream' }
      if (token.value) headers.Authorization = `Bearer ${token.value}`
      const summary = $('#summary').value
      const response = await fetch('/v1/translations', {
        method: 'POST',
        headers,
        body: JSON.stringify(url ? { url, summary } : { text: article.value, summary }),
      })
      if (!response.ok || !(response.headers.get('content-type') ?? '').startsWith('text/event-stream')) {
        const problem = await response.json().catch(() => ({}))
        throw new Error(problem.detail ?? `The service answered ${response.status}.`)
      }
      const excerpt = `${article.value.trim().slice(0, 80)}…`
      $('#form-summary').textContent = `Translating ${url || excerpt}`
      await readEvents(response.body, (name, data) => {
        if (name === 'error') failed = true
        handle(name, data, result)
      })
    } catch (error) {
      failed = true
      fail(error.message, result)
    } finally {
      button.disabled = false
      if (failed) progress.hidden = true
    }
  })

  // A /#tr_… address (copied, bookmarked or reloaded) opens that result again.
  const opened = RESULT_ADDRESS.exec(location.hash)
  if (opened) openStored(opened[1])

  async function openStored(id) {
    const result = $('#result')
    try {
      const response = await fetch(`/v1/translations/${id}`, { headers: { Accept: 'application/json' } })
      const body = await response.json().catch(() => ({}))
      if (!response.ok) throw new Error(body.detail ?? `The service answered ${response.status}.`)
      buildSkeleton(result, { id: body.id, model: body.model, paragraph_count: body.paragraphs.length })
      for (const paragraph of body.paragraphs) handle('paragraph', paragraph, result)
      if (body.summary) handle('summary', body.summary, result)
      showEdition(result, body)
      $('.toolbar', result).hidden = false
      progress.hidden = true
      $('#form-summary').textContent = body.source?.title
        ? `Read from ${body.source.site ?? body.source.url ?? 'a page'}`
        : 'A stored translation'
      present(result)
    } catch (error) {
      fail(error.message, result)
    }
  }

  let done = 0
  function handle(name, data, result) {
    if (name === 'meta') {
      buildSkeleton(result, data)
      done = 0
      setProgress(0, data.paragraph_count)
      present(result)
    } else if (name === 'paragraph') {
      const row = $(`.pair[data-index="${data.index}"]`, result)
      $('.fr', row).textContent = keepFiguresTogether(data.fr)
      const en = $('.en', row)
      en.textContent = data.en
      en.classList.remove('pending')
      if (data.warnings?.length) {
        const note = document.createElement('p')
        note.className = 'warning'
        note.textContent = `⚠ ${data.warnings.join('; ')}`
        row.append(note)
      }
      if (data.language === 'en') {
        $('.fr', row).lang = 'en'
        const note = document.createElement('p')
        note.className = 'note'
        note.textContent = 'In English in the article: kept as it is, not translated.'
        row.append(note)
      }
      done += 1
      setProgress(done, Number(bar.max))
    } else if (name === 'summary') {
      $('.summary', result).hidden = false
      $('.summary [lang=en] p', result).textContent = data.en
      $('.summary [lang=fr] p', result).textContent = keepFiguresTogether(data.fr)
      for (const lang of ['en', 'fr'])
        showKeyPoints($(`.summary [lang=${lang}] .key-points`, result), data.key_points ?? [], lang)
      const doubts = $('.summary-warning', result)
      doubts.hidden = !data.warnings?.length
      doubts.textContent = data.warnings?.length ? `⚠ Check this summary: ${data.warnings.join('; ')}` : ''
    } else if (name === 'done') {
      $('.toolbar', result).hidden = false
      progress.hidden = true
      history.replaceState(null, '', `#${result.dataset.id}`)
      loadUsage()
      // Placeholder rows were short: now that the page is full, put the result at the top again,
      // unless the reader has moved on.
      const masthead = $('.masthead', result)
      if (document.activeElement === masthead) masthead.scrollIntoView({ block: 'start' })
      // The stream carries paragraphs; the stored result adds the edition (headline, source).
      fetch(`/v1/translations/${result.dataset.id}`, { headers: { Accept: 'application/json' } })
        .then((response) => (response.ok ? response.json() : undefined))
        .then((stored) => stored && showEdition(result, stored))
        .catch(() => {})
    } else if (name === 'error') {
      // What was sent stays; each paragraph that is missing says so, instead of waiting.
      for (const index of data.missing_paragraphs ?? []) {
        const en = $(`.pair[data-index="${Number(index)}"] .en`, result)
        if (!en) continue
        en.textContent = 'Not translated: translate again to finish (the rest is kept).'
        en.classList.replace('pending', 'missing')
      }
      fail(data.detail ?? 'The translation failed.', result)
    }
  }

  // The usage of the token this page holds; the section stays hidden when the call fails.
  async function loadUsage() {
    const section = $('#usage')
    if (!section) return
    const asked = ++usageAsked
    try {
      const headers = { Accept: 'application/json' }
      if (token.value) headers.Authorization = `Bearer ${token.value}`
      const response = await fetch('/v1/usage', { headers })
      if (!response.ok) throw new Error(`The service answered ${response.status}.`)
      const report = await response.json()
      if (asked !== usageAsked) return
      showUsage(section, report)
    } catch {
      if (asked === usageAsked) section.hidden = true
    }
  }

  function showUsage(section, report) {
    const n = (value) => Number(value).toLocaleString('en')
    const plural = (value, word) => `${n(value)} ${word}${Number(value) === 1 ? '' : 's'}`
    const t = report.totals
    $('#usage-totals', section).textContent =
      `${plural(t.articles, 'article')}, ${plural(t.paragraphs, 'paragraph')}, ` +
      `${plural(t.model_calls, 'model call')}, ${n(t.input_tokens)} input and ${n(t.output_tokens)} output tokens; ` +
      `from the cache: ${plural(t.cached_paragraphs, 'paragraph')} and ${plural(t.cached_results, 'whole result')}.`
    const active = report.days.filter((day) => day.articles > 0).reverse()
    const body = $('#usage-days tbody', section)
    body.replaceChildren()
    for (const day of active) {
      const row = document.createElement('tr')
      const cells = [
        day.day,
        n(day.articles),
        n(day.paragraphs),
        n(day.model_calls),
        `${n(day.input_tokens)} / ${n(day.output_tokens)}`,
        `${n(day.cached_paragraphs)} ¶, ${n(day.cached_results)} whole`,
      ]
      for (const text of cells) {
        const cell = document.createElement('td')
        cell.textContent = text
        row.append(cell)
      }
      body.append(row)
    }
    $('#usage-days', section).hidden = active.length === 0
    section.hidden = false
  }

  function showKeyPoints(list, points, lang) {
    list.replaceChildren()
    list.hidden = points.length === 0
    for (const point of points) {
      const item = document.createElement('li')
      item.append(document.createTextNode(`${lang === 'fr' ? keepFiguresTogether(point.fr) : point.en} `))
      const cites = document.createElement('span')
      cites.className = 'cites'
      for (const index of point.paragraphs) {
        const cite = document.createElement('a')
        cite.className = 'cite'
        cite.href = `#p${Number(index)}`
        cite.dataset.index = String(Number(index))
        cite.title = `${lang === 'en' ? 'Paragraph' : 'Paragraphe'} ${Number(index) + 1}`
        cite.textContent = `¶${Number(index) + 1}`
        cites.append(cite)
      }
      item.append(cites)
      list.append(item)
    }
  }

  /** A failure reads as one: no progress, no row still "Translating…", the error in view and focused. */
  function fail(message, result) {
    progress.hidden = true
    const rows = [...result.querySelectorAll('.pair')]
    const translated = rows.filter((row) => {
      const en = $('.en', row)
      return en && !en.classList.contains('pending') && !en.classList.contains('missing')
    })
    if (translated.length === 0) clearResult(result)
    else {
      for (const row of rows) {
        const en = $('.en', row)
        if (!en?.classList.contains('pending')) continue
        en.textContent = 'Not translated.'
        en.classList.replace('pending', 'missing')
      }
      // The line said "Translating…": it now says what came of it.
      $('.masthead .checked', result).textContent =
        `${translated.length} of ${rows.length} paragraphs translated from French with ${result.dataset.model}` +
        ' before the translation stopped; the others are marked.'
    }
    collapseForm(false)
    showError(message)
    errorBox.scrollIntoView({ block: 'center' })
    errorBox.focus()
  }

  /** Back to an empty page: no rows, no summary, no edition, no address. */
  function clearResult(result) {
    result.hidden = true
    result.dataset.id = ''
    $('.pairs', result).replaceChildren()
    $('.summary', result).hidden = true
    $('.toolbar', result).hidden = true
    const masthead = $('.masthead', result)
    masthead.hidden = true
    $('.headline', masthead).hidden = true
    $('.source', masthead).hidden = true
    if (RESULT_ADDRESS.test(location.hash)) history.replaceState(null, '', location.pathname + location.search)
  }

  /** The result takes the reader's eye: the form folds to a line, the page moves, focus follows. */
  function present(result) {
    result.hidden = false
    collapseForm(true)
    const masthead = $('.masthead', result)
    masthead.hidden = false
    masthead.scrollIntoView({ block: 'start' })
    masthead.focus({ preventScroll: true })
  }

  function collapseForm(collapsed) {
    form.classList.toggle('collapsed', collapsed)
    $('.summary-line', form).hidden = !collapsed
  }

  /** Headline, source line and paragraph roles from a stored result. */
  function showEdition(result, stored) {
    const masthead = $('.masthead', result)
    const headline = stored.paragraphs.find((p) => p.role === 'headline')
    $('.headline', masthead).hidden = !headline
    if (headline) {
      $('.headline-en', masthead).textContent = headline.en
      $('.headline-fr', masthead).textContent = keepFiguresTogether(headline.fr)
      document.title = `${wholeWords(headline.en, 80)} — passage`
    }
    const source = stored.source
    $('.source', masthead).hidden = !source
    if (source) {
      $('.site', masthead).textContent = source.site ?? ''
      const time = $('.published', masthead)
      time.dateTime = source.published ?? ''
      time.textContent = source.published ? formatDate(source.published) : ''
      $('.byline', masthead).textContent = source.byline ?? ''
      const original = $('.original', masthead)
      original.hidden = !(source.url && /^https?:\/\//.test(source.url))
      if (!original.hidden) original.href = source.url
    }
    for (const paragraph of stored.paragraphs) {
      if (!paragraph.role) continue
      $(`.pair[data-index="${paragraph.index}"]`, result)?.classList.add(paragraph.role)
    }
    const doubted = stored.paragraphs.filter((p) => p.warnings?.length).length
    $('.checked', masthead).textContent = checkedLine(stored.model, stored.paragraphs.length, doubted)
  }

  function buildSkeleton(result, meta) {
    result.dataset.id = meta.id
    result.dataset.model = meta.model
    $('.share', result).href = `/v1/translations/${meta.id}`
    $('.toolbar', result).hidden = true
    $('.summary', result).hidden = true
    const masthead = $('.masthead', result)
    $('.checked', masthead).textContent =
      `Translating ${meta.paragraph_count} ${meta.paragraph_count === 1 ? 'paragraph' : 'paragraphs'} ` +
      `from French with ${meta.model}; each is checked against the French.`
    const list = $('.pairs', result)
    list.replaceChildren()
    for (let index = 0; index < meta.paragraph_count; index++) {
      const row = document.createElement('li')
      row.className = 'pair'
      row.id = `p${index}`
      row.dataset.index = String(index)
      const fr = document.createElement('p')
      fr.className = 'fr'
      fr.lang = 'fr'
      // The French is there from the start: the reader can read on while the English comes.
      if (typeof meta.fr?.[index] === 'string') fr.textContent = keepFiguresTogether(meta.fr[index])
      const en = document.createElement('p')
      en.className = 'en pending'
      en.lang = 'en'
      en.textContent = 'Translating…'
      row.append(fr, en)
      list.append(row)
    }
    result.hidden = false
  }

  function setProgress(value, max) {
    bar.max = Math.max(max, 1)
    bar.value = value
    progressText.textContent = `${value} / ${max} paragraphs`
  }

  function showError(message) {
    errorBox.textContent = message
    errorBox.hidden = message === ''
  }

  // Server-sent events over a fetch body (EventSource cannot POST).
  async function readEvents(body, onEvent) {
    const reader = body.pipeThrough(new TextDecoderStream()).getReader()
    let buffer = ''
    for (;;) {
      const { value, done: finished } = await reader.read()
      if (finished) break
      buffer += value.replace(/\r\n?/g, '\n')
      for (let end = buffer.indexOf('\n\n'); end >= 0; end = buffer.indexOf('\n\n')) {
        const block = buffer.slice(0, end)
        buffer = buffer.slice(end + 2)
        let name = 'message'
        const data = []
        for (const line of block.split('\n')) {
          if (line.startsWith('event:')) name = line.slice(6).trim()
          else if (line.startsWith('data:')) data.push(line.slice(5).replace(/^ /, ''))
        }
        if (data.length > 0) onEvent(name, JSON.parse(data.join('\n')))
      }
    }
  }

  // The toolbar of a result (streamed here, or rendered by the server for a stored one).
  function wireResult(result) {
    if (!result) return
    // A citation jumps to its paragraph and marks it, without replacing the /#tr_… address.
    result.addEventListener('click', (event) => {
      const cite = event.target.closest?.('a.cite')
      if (!cite) return
      event.preventDefault()
      for (const marked of result.querySelectorAll('.pair.cited')) marked.classList.remove('cited')
      const cited = $(`.pair[data-index="${Number(cite.dataset.index)}"]`, result)
      // The headline's row is shown as the masthead.
      const row = cited?.classList.contains('headline') ? $('.masthead', result) : cited
      if (!row) return
      row.classList.add('cited')
      row.tabIndex = -1
      row.scrollIntoView({ block: 'center' })
      row.focus({ preventScroll: true })
    })
    $('#english-only', result)?.addEventListener('change', (event) => {
      result.classList.toggle('english-only', event.target.checked)
    })
    $('[data-copy=english]', result)?.addEventListener('click', async (event) => {
      const english = [...result.querySelectorAll('.pair .en')].map((p) => p.textContent).join('\n\n')
      await copy(event.target, english)
    })
    $('[data-copy=markdown]', result)?.addEventListener('click', async (event) => {
      const response = await fetch(`/v1/translations/${result.dataset.id}?format=md`)
      await copy(event.target, await response.text())
    })
  }

  async function copy(button, text) {
    const label = button.textContent
    try {
      await navigator.clipboard.writeText(text)
      button.textContent = 'Copied'
    } catch {
      button.textContent = 'Copy failed'
    }
    setTimeout(() => {
      button.textContent = label
    }, 1500)
  }
})()
