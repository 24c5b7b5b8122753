/**
 * CSV import: iTop's {@code import.php} (services.md §2) as the restartable Spring Batch job {@code csv_import}.
 *
 * <p>Flow: {@link tributary.csvimport.CsvImportService} (shared by the {@code import} command and
 * {@code /webservices/import.php}) checks the parameters in iTop's order, maps the header
 * ({@link tributary.csvimport.ImportMapping}), then {@link tributary.csvimport.CsvImportJobRunner} runs one
 * chunk-oriented step: {@link tributary.csvimport.CsvImportReader} streams rows, prepared one chunk ahead in a thread
 * of its own (pre-checks, external keys other than those into the imported class, and a speculative reconciliation,
 * checked against what the chunks written meanwhile wrote: {@link tributary.csvimport.CommitLog}),
 * {@link tributary.csvimport.BulkChangeWriter} applies
 * {@link tributary.csvimport.BulkChange} to each chunk (reconciliation, creation and update through the object service,
 * a few statements per chunk) and stores the chunk's row outcomes (counts and details lines) in one row of
 * {@code csvimport.chunk_result}, in the chunk's transaction. The report is read back from that table, so a resumed
 * import reports every row once; a completed run's details lines are dropped once its report is printed (its counts
 * stay). Chunk transactions commit without waiting for their WAL flush (a crash loses whole
 * chunks, which the restart does again); the job's final synchronous commit makes all of them durable before the report
 * is printed.
 *
 * <p>Identity and restart: job parameter {@code import.key} = SHA-256 of user, options and file content;
 * {@code import.run} numbers runs of the same key (a completed run makes the next identical import a new run). A
 * PostgreSQL advisory lock on the key, held by the running process, tells an interrupted run (settled and restarted) from a
 * live one (refused). The committed row outcomes are the run's truth: an interrupted run, even one Spring Batch left
 * {@code UNKNOWN} after a commit whose outcome it could not know, restarts after exactly those rows. The same session
 * holds the {@link tributary.cmdb.ReconciliationLock} of the class's table for the run (not for simulations), so imports
 * of overlapping data into one hierarchy take turns instead of both creating the same objects.
 *
 * <p>Deliberate differences from iTop:
 * <ul>
 *   <li>Rows whose cell count differs from the header's are rejected ({@code Issue: Wrong number of cells: …}); iTop
 *       pads or ignores, which silently shifts or drops values.</li>
 *   <li>A row whose reconciliation keys are all empty creates an object when the empty values find none (an empty
 *       auto-numbered {@code ref}: a new ticket, as in iTop), and is {@code Issue: failed to reconcile} when they find
 *       some: iTop updates whichever object lacks them (often the one the previous such row created). An empty key
 *       beside non-empty ones is searched as empty, as in iTop.</li>
 *   <li>Header names lose the no-break and zero-width spaces around them; iTop trims ASCII blanks only.</li>
 *   <li>Empty cells ending the header (columns a spreadsheet exports without a name) are accepted, where iTop refuses
 *       the file ({@code Unknown column: ''}); a row with a value in such a column is rejected.</li>
 *   <li>Rows with bytes invalid for the charset, an unterminated qualifier or text after a closing qualifier are
 *       rejected with the reader's message (see {@code tributary.connectors.csv}); a NUL character is rejected.</li>
 *   <li>Rows are reported in input order (iTop prints date-format rejects first).</li>
 *   <li>Enum labels equal their values in the built-in model, so in localized mode an enum cell matches a value
 *       ignoring case.</li>
 *   <li>Rows of one chunk sharing a reconciliation key are applied in order (later rows see earlier ones), as iTop's
 *       row-by-row processing does; in a simulation each row only sees what was in the database.</li>
 *   <li>{@code param_file} is honoured in CLI mode only.</li>
 *   <li>Extra parameter {@code chunk_size} (rows per transaction, default 1000, 5000 for files of 1 MB or more).</li>
 * </ul>
 */
package tributary.csvimport;
