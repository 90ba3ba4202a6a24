/** The Hono environment shared by the app and its routes. */

import type { RequestIdVariables } from 'hono/request-id'
import type { TimingVariables } from 'hono/timing'

export type AppEnv = {
  Bindings: Env
  Variables: RequestIdVariables & TimingVariables
}
