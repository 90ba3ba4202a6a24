// passage reading page: paste or drop an article, stream its translation, read it.
// Plain script, no build step. Article text is only ever set with textContent.
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

  wireResult($('#result'))
  if (!form) return

  // The token lives in this browser only.
  token.value = localStorage.getItem(TOKEN_KEY) ?? ''
  token.addEventListener('change', () => {
    if (token.value) localStorage.setItem(TOKEN_KEY, token.value)
    else localStorage.removeItem(TOKEN_KEY)
  })

  // Drop a .txt file on the text area, or pick one.
  const readFile = (file) => {
    if (!file) return
    file.text().then((text) => {
      article.value = text
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

  form.addEventListener('submit', async (event) => {
    event.preventDefault()
    const button = $('button[type=submit]', form)
    button.disabled = true
    showError('')
    const result = $('#result')
    result.hidden = true
    setProgress(0, 0)
    progress.hidden = false
    try {
      const headers = { 'Content-Type': 'application/json', Accept: 'text/event-stream' }
      if (token.value) headers.Authorization = `Bearer ${token.value}`
      const response = await fetch('/v1/translations', {
        method: 'POST',
        headers,
        body: JSON.stringify({ text: article.value, summary: $('#summary').value }),
      })
      if (!response.ok || !(response.headers.get('content-type') ?? '').startsWith('text/event-stream')) {
        const problem = await response.json().catch(() => ({}))
        throw new Error(problem.detail ?? `The service answered ${response.status}.`)
      }
      await readEvents(response.body, (name, data) => handle(name, data, result))
    } catch (error) {
      showError(error.message)
      progress.hidden = true
    } finally {
      button.disabled = false
    }
  })

  let done = 0
  function handle(name, data, result) {
    if (name === 'meta') {
      buildSkeleton(result, data)
      done = 0
      setProgress(0, data.paragraph_count)
    } else if (name === 'paragraph') {
      const row = $(`.pair[data-index="${data.index}"]`, result)
      $('.fr', row).textContent = data.fr
      const en = $('.en', row)
      en.textContent = data.en
      en.classList.remove('pending')
      if (data.warnings?.length) {
        const note = document.createElement('p')
        note.className = 'warning'
        note.textContent = `⚠ ${data.warnings.join('; ')}`
        row.append(note)
      }
      done += 1
      setProgress(done, Number(bar.max))
    } else if (name === 'summary') {
      $('.summary', result).hidden = false
      $('.summary [lang=en] p', result).textContent = data.en
      $('.summary [lang=fr] p', result).textContent = data.fr
    } else if (name === 'done') {
      $('.toolbar', result).hidden = false
      history.replaceState(null, '', `#${result.dataset.id}`)
    } else if (name === 'error') {
      showError(data.detail ?? 'The translation failed.')
      // What was sent stays; each paragraph that is missing says so, instead of waiting.
      for (const index of data.missing_paragraphs ?? []) {
        const en = $(`.pair[data-index="${Number(index)}"] .en`, result)
        if (!en) continue
        en.textContent = 'Not translated: translate again to finish (the rest is kept).'
        en.classList.replace('pending', 'missing')
      }
    }
  }

  function buildSkeleton(result, meta) {
    result.dataset.id = meta.id
    $('.share', result).href = `/v1/translations/${meta.id}`
    $('.toolbar', result).hidden = true
    $('.summary', result).hidden = true
    const list = $('.pairs', result)
    list.replaceChildren()
    for (let index = 0; index < meta.paragraph_count; index++) {
      const row = document.createElement('li')
      row.className = 'pair'
      row.dataset.index = String(index)
      const fr = document.createElement('p')
      fr.className = 'fr'
      fr.lang = 'fr'
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
      let end
      while ((end = buffer.indexOf('\n\n')) >= 0) {
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
