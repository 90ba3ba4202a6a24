/**
 * The Hono environment of the app and its routes, and what middleware puts on `c.var`:
 *
 * - `requestId`, from hono/request-id (every request);
 * - `configuration`, from `withSettings` (src/http/settings.ts, every request): the settings,
 *   parsed once, and the services built from them, or why the settings are invalid;
 * - `settings` and `services`, from `configured` (same file), on routes that need them: a
 *   misconfigured deployment answers those routes with the settings' 500 problem;
 * - `caller`, from `authenticated` (src/http/auth.ts): who sent a token-checked request;
 * - `format`, from `negotiated` (src/http/negotiate.ts): the response format asked for;
 * - `article`, from `translationBody` (src/http/translation-body.ts): the article to translate;
 * - `job` and `stored`, from `identified` (src/http/translation-job.ts): the result's id,
 *   how to produce it, and the stored result when there is one.
 */

import type { RequestIdVariables } from 'hono/request-id'
import type { TimingVariables } from 'hono/timing'
import type { Settings } from './config'
import type { ConfigError } from './errors'
import type { Services } from './services'

/** The settings and the services built from them, or the error that says which setting is invalid. */
export type Configuration = { settings: Settings; services: Services } | { error: ConfigError }

export type AppEnv = {
  Bindings: Env
  Variables: RequestIdVariables & TimingVariables & { configuration: Configuration }
}

export interface SettingsVariables {
  /** The settings (src/config.ts). */
  settings: Settings
  /** What the request uses, each built on first use (src/services.ts). */
  services: Services
}

/** The environment behind `configured`: `c.var.settings` and `c.var.services` are there. */
export type ConfiguredEnv = AppEnv & { Variables: SettingsVariables }
