/**
 * Settings and services on `c.var`: the settings parsed once per isolate (see readSettings),
 * the services built per request.
 */

import { createMiddleware } from 'hono/factory'
import type { AppEnv, ConfiguredEnv } from '../app-env'
import { readSettings } from '../config'
import { ConfigError } from '../errors'
import { createServices } from '../services'

/**
 * Reads the settings (parsed once for each set of values), and builds the services from them,
 * for every request. Invalid settings are kept in `c.var.configuration` rather than thrown,
 * so that a misconfigured deployment still answers /healthz, /readyz (which says what is
 * wrong), its assets and CORS preflights (allowing no origin); routes that need the
 * settings use `configured`.
 */
export const withSettings = createMiddleware<AppEnv>(async (c, next) => {
  try {
    const settings = readSettings(c.env)
    c.set('configuration', { settings, services: createServices(c.env, settings) })
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error
    c.set('configuration', { error })
  }
  await next()
})

/**
 * Puts the settings and services on `c.var.settings` and `c.var.services`; a
 * misconfigured deployment answers 500, naming the setting to fix.
 */
export const configured = createMiddleware<ConfiguredEnv>(async (c, next) => {
  const configuration = c.var.configuration
  if ('error' in configuration) throw configuration.error
  c.set('settings', configuration.settings)
  c.set('services', configuration.services)
  await next()
})
