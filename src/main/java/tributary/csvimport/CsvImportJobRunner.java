package tributary.csvimport;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Consumer;
import java.util.function.LongConsumer;
import java.util.function.Supplier;
import io.micrometer.observation.ObservationRegistry;
import org.jdbi.v3.core.Jdbi;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.ExitStatus;
import org.springframework.batch.core.job.Job;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.job.JobInstance;
import org.springframework.batch.core.job.builder.JobBuilder;
import org.springframework.batch.core.job.parameters.JobParameters;
import org.springframework.batch.core.job.parameters.JobParametersBuilder;
import org.springframework.batch.core.launch.JobOperator;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.core.step.Step;
import org.springframework.batch.core.step.StepExecution;
import org.springframework.batch.core.step.builder.StepBuilder;
import org.springframework.batch.infrastructure.item.ExecutionContext;
import org.springframework.dao.OptimisticLockingFailureException;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.TransactionException;
import org.springframework.transaction.TransactionStatus;
import org.springframework.transaction.support.DefaultTransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;
import tributary.app.TributaryProperties;
import tributary.cmdb.ObjectService;
import tributary.cmdb.ReconciliationLock;
import tributary.cmdb.WriteContext;
import tributary.cmdb.linkset.LinkSetResolver;
import tributary.oql.catalog.OqlSearch;
import tributary.security.Account;
import tributary.store.LockSessions;
import tributary.store.LostConnection;

/**
 * Runs an import as the Spring Batch job {@code csv_import} (one chunk-oriented step, {@code csv_import_rows}), and
 * resumes it when the same import (same user, class, file content and options) was interrupted.
 *
 * <p>An import's identity is the job parameter {@code import.key}; {@code import.run} numbers the successive runs of
 * the same key, so importing the same file again after a completed run is a new run. While a run is live, its
 * process holds a PostgreSQL advisory lock on the key (in a session of its own): an execution left {@code STARTED} or
 * {@code UNKNOWN} whose lock is free was interrupted and is settled then restarted; one whose lock is held is never
 * touched.
 */
@Component
class CsvImportJobRunner {

    private static final Logger log = LoggerFactory.getLogger(CsvImportJobRunner.class);

    static final String JOB_NAME = "csv_import";
    static final String STEP_NAME = "csv_import_rows";
    /** How long the details lines of an ended run may stay, should its report never have been printed whole. */
    private static final Duration REPORTS_KEPT = Duration.ofDays(1);
    /** High 32 bits of the advisory-lock keys of imports ("CSVI"). */
    private static final long LOCK_NAMESPACE = 0x43535649L;

    /**
     * The end of a run, with its failures in the order they happened (none when it completed), and what the report
     * must say of an earlier run of the same import: resumed, or imported again whole ({@code resumption}).
     */
    record Outcome(long jobInstanceId, BatchStatus status, List<Throwable> failures, List<String> resumption) {

        Outcome(long jobInstanceId, BatchStatus status, List<Throwable> failures) {
            this(jobInstanceId, status, failures, List.of());
        }

        Outcome withResumption(List<String> notices) {
            return new Outcome(jobInstanceId, status, failures, List.copyOf(notices));
        }

        /** The failure that ended the run, or null. */
        Throwable failure() {
            return failures.isEmpty() ? null : failures.get(0);
        }
    }

    /** The lock could not be taken: the same import is running in another process or thread. */
    static final class AlreadyRunningException extends RuntimeException {
        AlreadyRunningException() {
            super("This import is already running (same user, class, data and options): wait for it to finish");
        }
    }

    private final JobRepository repository;
    private final JobOperator operator;
    private final PlatformTransactionManager transactionManager;
    private final TransactionTemplate transactions;
    private final LockSessions lockSessions;
    private final ObjectService objects;
    private final LinkSetResolver linkSets;
    private final OqlSearch oql;
    private final Duration resumeWithin;
    private final ImportShutdown shutdown;
    private final ImportResults results;
    private final Jdbi jdbi;

    CsvImportJobRunner(JobRepository repository, JobOperator operator, PlatformTransactionManager transactionManager,
                       LockSessions lockSessions, ObjectService objects, LinkSetResolver linkSets, OqlSearch oql,
                       ImportResults results, Jdbi jdbi, TributaryProperties properties, ImportShutdown shutdown) {
        this.resumeWithin = properties.csvImport().resumeWithin();
        this.shutdown = shutdown;
        this.linkSets = linkSets;
        this.oql = oql;
        this.repository = repository;
        this.operator = operator;
        this.transactionManager = transactionManager;
        this.transactions = new TransactionTemplate(transactionManager);
        this.lockSessions = lockSessions;
        this.objects = objects;
        this.results = results;
        this.jdbi = jdbi;
    }

    /**
     * Runs (or resumes) the import and waits for its end.
     *
     * @param notices receives the "waiting" and "resuming" notices (the CLI prints them on standard error)
     * @param watcher receives the number of rows done after each chunk, or null
     */
    Outcome run(String key, Path file, ImportOptions options, ImportMapping mapping, int headerWidth, Account account,
                String userInfo, Consumer<String> notices, LongConsumer watcher) {
        try (Connection lockSession = lockSessions.open()) {
            if (!LockSessions.tryLock(lockSession, lockKey(key))) {
                throw new AlreadyRunningException();
            }
            // A simulation writes nothing, so it cannot create what another writer creates: it does not wait for them.
            String table = options.simulate() ? null : objects.model().tableOf(options.className());
            try {
                if (table != null) {
                    ReconciliationLock.acquire(lockSession, table, () -> notices.accept("Waiting for the import or"
                            + " synchronization writing into " + options.className() + "'s table (cmdb." + table
                            + ") to finish…"));
                }
                Runnable lockHeld = lockCheck(key, LockSessions.backendPid(lockSession));
                Runnable lockCheck = () -> {
                    shutdown.checkNotStopping();
                    lockHeld.run();
                };
                return runLocked(key, file, options, mapping, headerWidth, account, userInfo, notices, watcher, lockCheck);
            } finally {
                try {
                    if (table != null) {
                        ReconciliationLock.release(lockSession, table);
                    }
                    LockSessions.unlock(lockSession, lockKey(key));
                } catch (SQLException e) {
                    // The session is gone (database restarted, session ended): the server released its locks with it.
                    // The run's own outcome, not this, is what to report.
                    log.debug("Could not release the import's locks ({}); their session has ended", e.getMessage());
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException("Could not lock the import: " + e.getMessage(), e);
        }
    }

    private Outcome runLocked(String key, Path file, ImportOptions options, ImportMapping mapping, int headerWidth,
                              Account account, String userInfo, Consumer<String> notices,
                              LongConsumer watcher, Runnable lockCheck) throws SQLException {
        int cleared = results.forgetDetailsOfRunsEndedBefore(REPORTS_KEPT);
        if (cleared > 0) {
            log.info("Dropped the details lines of {} chunk(s) of imports that ended over a day ago (a process stopped"
                    + " while printing their report)", cleared);
        }
        // Said on the way (the CLI prints it on standard error as it happens) and in the report.
        List<String> resumption = new ArrayList<>();
        Consumer<String> tell = notice -> {
            resumption.add(notice);
            notices.accept(notice);
        };
        long run = 1;
        while (true) {
            JobParameters identity = parameters(key, run, file, options, account).toJobParameters();
            JobInstance instance = repository.getJobInstance(JOB_NAME, identity);
            if (instance == null) {
                break;
            }
            JobExecution last = repository.getLastJobExecution(instance);
            if (last == null || last.getStatus() != BatchStatus.COMPLETED && last.getStatus() != BatchStatus.ABANDONED) {
                long done = results.count(instance.getInstanceId());
                LocalDateTime lastActive = last == null ? null : lastActivity(last); // before settling updates it
                if (last != null) {
                    settle(last, done);
                }
                if (lastActive != null && lastActive.isBefore(LocalDateTime.now().minus(resumeWithin))) {
                    abandon(last, instance.getInstanceId());
                    tell.accept("Not resuming the import interrupted on " + lastActive.withNano(0) + " (run " + run
                            + " of this data, " + done + " rows done): it is older than "
                            + resumeWithin.toString().substring(2).toLowerCase(Locale.ROOT) // PT12H: 12h
                            + " (tributary.csv-import.resume-within),"
                            + " so every row is imported again");
                    run++;
                    continue;
                }
                String laterChange = done == 0 || lastActive == null ? null
                        : laterChange(instance, mapping.className(), lastActive);
                if (laterChange != null) {
                    // Resumed, it would skip rows whose objects were changed since: not what an uninterrupted run gives.
                    abandon(last, instance.getInstanceId());
                    tell.accept("Not resuming the import interrupted on " + lastActive.withNano(0) + " (run " + run
                            + " of this data, " + done + " rows done): " + laterChange + " since, so every row is"
                            + " imported again");
                    run++;
                    continue;
                }
                tell.accept("Resuming the interrupted import (run " + run + " of this data, started "
                        + (last == null ? "?" : last.getCreateTime()) + "): " + done + " rows already done");
                break;
            }
            run++;
        }
        JobParameters parameters = parameters(key, run, file, options, account).toJobParameters();
        // A second connection's worth of reconciliation searches for the reader's thread (see BulkChange#prepare).
        ExecutorService helper = Executors.newSingleThreadExecutor(r -> {
            Thread thread = new Thread(r, "csv-import-search");
            thread.setDaemon(true);
            return thread;
        });
        try {
            return runJob(parameters, file, options, mapping, headerWidth, account, userInfo, watcher, helper, lockCheck)
                    .withResumption(resumption);
        } finally {
            helper.shutdownNow();
        }
    }

    /**
     * Leaves an interrupted run in the state Spring Batch restarts from: FAILED, its restart point on the committed rows.
     * We hold the key's lock, so no live process runs it. A run left STARTED belongs to a process that died. A run
     * left UNKNOWN lost its database session while committing a chunk: Spring Batch cannot know whether the server
     * committed that chunk, and refuses to restart. Here that is known, because a chunk's objects, its row outcomes
     * ({@code done}) and the step's restart point commit in one transaction: the restart point is checked against the
     * committed outcomes (and set to them, should they ever differ) before the run is marked FAILED.
     */
    private void settle(JobExecution last, long done) {
        try {
            settleInOneTransaction(last, done);
        } catch (OptimisticLockingFailureException e) {
            // The run's process had lost its lock but was still committing a chunk (it stops at its next one): what
            // was read above is already stale, so this run must not go on from it.
            log.warn("Could not take over the interrupted run: {}", e.getMessage());
            throw new IllegalStateException("the interrupted run committed a chunk while this one was taking it over;"
                    + " run the same command again to resume it");
        }
    }

    private void settleInOneTransaction(JobExecution last, long done) {
        transactions.executeWithoutResult(status -> {
            for (StepExecution step : last.getStepExecutions()) {
                boolean unsettled = step.getStatus().isRunning() || step.getStatus() == BatchStatus.UNKNOWN;
                ExecutionContext context = step.getExecutionContext();
                long restartPoint = context.containsKey(CsvImportReader.RESTART_POINT)
                        ? context.getInt(CsvImportReader.RESTART_POINT) : 0;
                if (restartPoint != done) {
                    log.warn("The interrupted import's restart point ({} rows) differs from its committed rows ({});"
                            + " it resumes after the committed rows", restartPoint, done);
                    context.putInt(CsvImportReader.RESTART_POINT, Math.toIntExact(done));
                    repository.updateExecutionContext(step);
                }
                if (unsettled) {
                    step.setStatus(BatchStatus.FAILED);
                    step.setExitStatus(ExitStatus.FAILED.addExitDescription("interrupted; settled before its restart"));
                    step.setEndTime(LocalDateTime.now());
                    repository.update(step);
                }
            }
            if (last.isRunning() || last.getStatus() == BatchStatus.UNKNOWN) {
                last.setStatus(BatchStatus.FAILED);
                last.setExitStatus(ExitStatus.FAILED.addExitDescription("interrupted; settled before its restart"));
                last.setEndTime(LocalDateTime.now());
                repository.update(last);
            }
        });
    }

    /** When the run last wrote: its steps' last updates (one per chunk), else its start. */
    private static LocalDateTime lastActivity(JobExecution execution) {
        LocalDateTime latest = execution.getLastUpdated() != null ? execution.getLastUpdated()
                : execution.getStartTime() != null ? execution.getStartTime() : execution.getCreateTime();
        for (StepExecution step : execution.getStepExecutions()) {
            if (step.getLastUpdated() != null && (latest == null || step.getLastUpdated().isAfter(latest))) {
                latest = step.getLastUpdated();
            }
        }
        return latest;
    }

    /** Marks a settled run abandoned (never to be restarted) and drops its details lines. */
    private void abandon(JobExecution last, long instanceId) {
        transactions.executeWithoutResult(status -> {
            last.setStatus(BatchStatus.ABANDONED);
            last.setExitStatus(ExitStatus.FAILED.addExitDescription("interrupted too long ago; abandoned, imported again"));
            repository.update(last);
        });
        results.forgetDetails(instanceId);
    }

    private Outcome runJob(JobParameters parameters, Path file, ImportOptions options, ImportMapping mapping, int headerWidth,
                           Account account, String userInfo, LongConsumer watcher,
                           Executor helper, Runnable lockCheck) {
        Job job = job(file, options, mapping, headerWidth, account, userInfo, watcher, helper, lockCheck);
        JobExecution execution;
        try {
            execution = operator.start(job, parameters);
        } catch (Exception e) {
            throw new IllegalStateException("Could not start the import job: " + e.getMessage(), e);
        }
        long instanceId = execution.getJobInstance().getInstanceId();
        while (execution.isRunning()) { // only with an asynchronous job operator
            try {
                Thread.sleep(200);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
            execution = repository.getJobExecution(execution.getId());
        }
        // In the order they happened. Spring Batch's getAllFailureExceptions() has no order: it put the step's state that
        // could not be saved, say, before the lost connection that caused it.
        Set<Throwable> failures = new LinkedHashSet<>();
        execution.getStepExecutions().forEach(step -> failures.addAll(step.getFailureExceptions()));
        failures.addAll(execution.getFailureExceptions());
        return new Outcome(instanceId, execution.getStatus(), List.copyOf(failures));
    }

    private static JobParametersBuilder parameters(String key, long run, Path file, ImportOptions options, Account account) {
        return new JobParametersBuilder()
                .addString("import.key", key, true)
                .addLong("import.run", run, true)
                .addString("import.class", options.className(), false)
                .addString("import.user", account.login(), false)
                .addString("import.file", file.toString(), false)
                .addLong("import.chunk_size", (long) options.chunkSize(), false);
    }

    /**
     * What changed objects of the imported class after the interrupted run was last active, by anyone else (a later
     * import of the same class, a REST write): "objects of class Person were changed (change set 42, by admin)"; null
     * when nothing did. The run's own change set and those before it are not looked at.
     */
    private String laterChange(JobInstance instance, String className, LocalDateTime since) {
        StepExecution step = repository.getLastStepExecution(instance, STEP_NAME);
        if (step == null || !step.getExecutionContext().containsKey(BulkChangeWriter.CHANGE_ID_KEY)) {
            return null;
        }
        long own = step.getExecutionContext().getLong(BulkChangeWriter.CHANGE_ID_KEY);
        List<String> classes = objects.model().concreteClasses(className);
        return jdbi.withHandle(handle -> handle.createQuery("select c.id, coalesce(c.user_login, c.origin) from cmdb.change c"
                        + " where c.id > :own and c.date > :since and exists (select 1 from cmdb.change_op o"
                        + " where o.\"change\" = c.id and o.objclass = any(:classes)) order by c.id limit 1")
                .bind("own", own)
                .bind("since", since)
                .bindArray("classes", String.class, classes)
                .map((rs, ctx) -> "objects of class " + className + " were changed (change set " + rs.getLong(1) + ", by "
                        + rs.getString(2) + ")")
                .findOne().orElse(null));
    }

    private Job job(Path file, ImportOptions options, ImportMapping mapping, int headerWidth, Account account,
                    String userInfo, LongConsumer watcher, Executor helper, Runnable lockCheck) {
        BulkChange bulkChange = new BulkChange(objects, linkSets, oql, mapping, options, new ExtKeyCache(), headerWidth);
        CommitLog log = new CommitLog();
        CsvImportReader reader = new CsvImportReader(file, options.dialect(), options.chunkSize(),
                bulkChange.preparesAhead() ? rows -> bulkChange.prepare(rows, log::published, helper) : bulkChange::rows);
        BulkChange.Savepoints savepoints = new SavepointRunner(transactionManager);
        BulkChangeWriter writer = new BulkChangeWriter(bulkChange, results,
                changeId -> new WriteContextHolder(() -> WriteContext.of(account.login(), account.userId(),
                        account.isAdministrator(), WriteContext.ORIGIN_CSV_IMPORT, userInfo), jdbi, changeId),
                savepoints, watcher, options.simulate(), options.keepsDetails(), log, jdbi, lockCheck);
        Step step = new StepBuilder(STEP_NAME, repository).<BulkChange.Row, BulkChange.Row>chunk(options.chunkSize())
                // Spring Batch 6 opens an observation and its scope around every item read and processed: about a
                // twentieth of the writer thread's time on a creation, for metrics nothing here records.
                .observationRegistry(ObservationRegistry.NOOP)
                .transactionManager(transactionManager)
                .reader(reader)
                .writer(writer)
                .listener(writer)
                .build();
        return new JobBuilder(JOB_NAME, repository).start(step).build();
    }

    /**
     * Runs work in a savepoint (a nested transaction), as a {@code TransactionTemplate} would, except when the rollback
     * to the savepoint fails because the connection was lost: then the work's own exception propagates (the rollback's
     * attached), where the template logged it at ERROR with its stack trace and threw "Could not roll back to JDBC
     * savepoint" instead. The chunk's transaction, which ends with that connection, fails with it.
     */
    private static final class SavepointRunner implements BulkChange.Savepoints {
        private static final TransactionDefinition NESTED =
                new DefaultTransactionDefinition(TransactionDefinition.PROPAGATION_NESTED);
        private final PlatformTransactionManager transactionManager;

        SavepointRunner(PlatformTransactionManager transactionManager) {
            this.transactionManager = transactionManager;
        }

        @Override
        public <T> T run(Supplier<T> work, boolean keep) {
            TransactionStatus savepoint = transactionManager.getTransaction(NESTED);
            T result;
            try {
                result = work.get();
            } catch (RuntimeException | Error e) {
                try {
                    transactionManager.rollback(savepoint);
                } catch (TransactionException rollbackFailure) {
                    if (!LostConnection.isCauseOf(rollbackFailure)) {
                        rollbackFailure.addSuppressed(e);
                        throw rollbackFailure;
                    }
                    e.addSuppressed(rollbackFailure);
                }
                throw e;
            }
            if (keep) {
                transactionManager.commit(savepoint);
            } else {
                transactionManager.rollback(savepoint);
            }
            return result;
        }
    }

    private static long lockKey(String key) {
        return (LOCK_NAMESPACE << 32) | (Long.parseUnsignedLong(key.substring(0, 8), 16) & 0xFFFFFFFFL);
    }

    /**
     * Checks, in the chunk's transaction, that the session holding the run's lock still holds it. If that session
     * ended (killed, or its connection lost) while the job goes on, another process could take the lock and resume
     * the same import beside this one, and another writer could take the table's {@link ReconciliationLock}, which
     * that session held too: the run stops instead, before writing the chunk, and can be resumed.
     */
    private Runnable lockCheck(String key, int sessionPid) {
        long lock = lockKey(key);
        return () -> {
            boolean held = jdbi.withHandle(handle -> handle.createQuery("select exists (select 1 from pg_locks"
                            + " where locktype = 'advisory' and granted and pid = :pid and classid::bigint = :high"
                            + " and objid::bigint = :low and objsubid = 1)")
                    .bind("pid", sessionPid).bind("high", lock >>> 32).bind("low", lock & 0xFFFFFFFFL)
                    .mapTo(Boolean.class).one());
            if (!held) {
                throw new IllegalStateException("the import's lock was lost (the database session holding it ended);"
                        + " no chunk was written without it");
            }
        };
    }
}
