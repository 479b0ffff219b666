/**
 * Imported for its effect, before exceljs: the UTF-8 fix of exceljs's XML
 * parser (exceljs_utf8.ts). First import of every module that loads exceljs
 * outside the app's preloads (the spreadsheet reader, the benches).
 */
import { installExceljsUtf8 } from '#shared/spreadsheets/exceljs_utf8'

installExceljsUtf8()
