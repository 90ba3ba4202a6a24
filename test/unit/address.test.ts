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
})
