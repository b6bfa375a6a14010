/** The compatibility matrix across releases: model (matrix.json), loader, HTML page, writer. */
export * from './types.js';
export { buildMatrix, cellState, cellLink, evidenceTranscripts, orderInputs, NOT_STATED_MARK, type MatrixInput } from './model.js';
export { matrixJsonSchema, parseMatrix } from './schema.js';
export { renderMatrixHtml, STATE_LABELS, type MatrixHtmlOptions } from './html.js';
export { loadReports, reportFolders, statedFor, MatrixInputError, type LoadedReport } from './load.js';
export { writeMatrix, matrixFrom, MATRIX_JSON, MATRIX_HTML, COPIED_TRANSCRIPTS, type WriteMatrixOptions, type WrittenMatrix } from './write.js';
