/*
| Lucid's preloads in linear time (app/shared/orm/linear_preloads.ts), for
| the app, its commands and its tests alike.
*/
import { installLinearPreloads } from '#shared/orm/linear_preloads'

installLinearPreloads()
