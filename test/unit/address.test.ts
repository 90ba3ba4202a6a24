import { describe, expect, it } from 'vitest'
import { checkAddress } from '../../src/extract'

const verdict = (link: string, allowLocal = false) => checkAddress(new URL(link), { allowLocal }).ok

describe('which links the worker may fetch', () => {
  it('fetches public http and https news sites', () => {
    expect(verdict('https://www.lemonde.fr/economie/article/2026/11/24/x.html')).toBe(true)
    expect(verdict('http://www.francetvinfo.fr/meteo/')).toBe(true)
    expect(verdict('https://93.184.215.14/')).toBe(true)
    expect(verdict('https://[2606:4700::1111]/')).toBe(true)
  })

  it('refuses other schemes and links carrying credentials', () => {
    expect(verdict('ftp://www.lemonde.fr/')).toBe(false)
    expect(verdict('file:///etc/passwd')).toBe(false)
    expect(verdict('https://user:secret@www.lemonde.fr/')).toBe(false)
  })

  it('refuses loopback, private, link-local and other internal IPv4 addresses, however they are written', () => {
    for (const link of [
      'http://127.0.0.1/',
      'http://127.1/',
      'http://2130706433/',
      'http://0x7f000001/',
      'http://10.0.0.5/',
      'http://172.16.3.4/',
      'http://172.31.255.255/',
      'http://192.168.1.1/',
      'http://169.254.169.254/latest/meta-data/',
      'http://100.64.0.1/',
      'http://0.0.0.0/',
      'http://224.0.0.1/',
    ]) {
      expect(verdict(link), link).toBe(false)
    }
    expect(verdict('http://172.32.0.1/')).toBe(true)
  })

  it('refuses loopback, unique-local, link-local and IPv4-mapped internal IPv6 addresses', () => {
    for (const link of [
      'http://[::1]/',
      'http://[::]/',
      'http://[fd00::1]/',
      'http://[fe80::1]/',
      'http://[::ffff:127.0.0.1]/',
      'http://[::ffff:192.168.0.1]/',
    ]) {
      expect(verdict(link), link).toBe(false)
    }
  })

  it('refuses names that only resolve inside a network', () => {
    for (const link of [
      'http://localhost:8787/',
      'http://api.localhost/',
      'http://printer.local/',
      'http://metadata.google.internal/',
      'http://intranet/',
      'http://localhost./',
    ]) {
      expect(verdict(link), link).toBe(false)
    }
  })

  it('lets local addresses through only when told to (local development)', () => {
    expect(verdict('http://127.0.0.1:4000/page.html', true)).toBe(true)
    expect(verdict('file:///etc/passwd', true)).toBe(false)
  })

  it('opens only loopback and private addresses to local development, in any form', () => {
    for (const link of [
      'http://127.0.0.1:4000/page.html',
      'http://127.1/',
      'http://localhost:4000/',
      'http://api.localhost/',
      'http://[::1]:4000/',
      'http://10.0.0.5/',
      'http://172.16.3.4/',
      'http://192.168.1.20:8080/',
      'http://[fd00::1]/',
      'http://[::ffff:127.0.0.1]/',
      'http://[::ffff:192.168.0.1]/',
      'https://www.lemonde.fr/',
    ]) {
      expect(verdict(link, true), link).toBe(true)
    }
  })

  it('keeps link-local (the cloud metadata address), multicast, unspecified and reserved addresses closed', () => {
    for (const link of [
      'http://169.254.169.254/latest/meta-data/',
      'http://2852039166/latest/meta-data/',
      'http://[::ffff:a9fe:a9fe]/',
      'http://[::ffff:169.254.169.254]/',
      'http://[fe80::1]/',
      'http://224.0.0.1/',
      'http://[ff02::1]/',
      'http://0.0.0.0/',
      'http://[::]/',
      'http://240.0.0.1/',
      'http://255.255.255.255/',
      'http://100.64.0.1/',
      'http://metadata.google.internal/',
      'http://printer.local/',
      'http://intranet/',
    ]) {
      expect(verdict(link, true), link).toBe(false)
    }
  })

  it('says why a link stays closed although local pages are allowed', () => {
    const refusal = checkAddress(new URL('http://169.254.169.254/'), { allowLocal: true })
    expect(refusal).toEqual({
      ok: false,
      reason: expect.stringMatching(/link-local.*ALLOW_LOCAL_PAGES opens only loopback and private addresses/),
    })
  })
})
