/*
| exceljs's XML parser with its UTF-8 fix, in place before any module loads
| exceljs (app/shared/spreadsheets/exceljs_utf8.ts).
*/
import '#shared/spreadsheets/exceljs_fix'
