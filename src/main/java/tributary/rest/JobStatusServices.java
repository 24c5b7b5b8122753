package tributary.rest;

import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.job.JobInstance;
import org.springframework.batch.core.job.parameters.JobParameter;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.core.step.StepExecution;
import org.springframework.core.annotation.Order;
import org.springframework.dao.EmptyResultDataAccessException;
import org.springframework.stereotype.Component;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;
import tributary.cmdb.ValueConverter;
import tributary.security.Account;

/**
 * Tributary's own REST verb {@code tributary/job_status}: the status and counts of batch job executions (CSV imports
 * today, synchronizations next), by execution id ({@code job_execution_id}) or the latest ones of a job
 * ({@code job_name}, {@code limit}, default 10). Administrators only. Offered for the same versions as the core verbs,
 * listed after them.
 */
@Component
@Order(100)
class JobStatusServices implements RestServiceProvider {

    static final String VERB = "tributary/job_status";
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private final JobRepository jobs;

    JobStatusServices(JobRepository jobs) {
        this.jobs = jobs;
    }

    @Override
    public List<RestOperation> listOperations(String version) {
        return CoreServices.VERSIONS.contains(version)
                ? List.of(new RestOperation(VERB, "Get the status and counts of batch job executions"))
                : List.of();
    }

    @Override
    public RestResult exec(String version, String verb, JsonNode params, Account caller) {
        if (!caller.isAdministrator()) {
            return RestResult.basic().code(RestResult.UNAUTHORIZED)
                    .message("The current user does not have enough permissions for reading job executions");
        }
        List<JobExecution> executions = new ArrayList<>();
        JsonNode id = params.get("job_execution_id");
        JsonNode name = params.get("job_name");
        if (id != null && !id.isNull()) {
            long executionId = PhpValues.toInt(id);
            JobExecution execution = executionId > 0 ? findExecution(executionId) : null;
            if (execution == null) {
                throw new RestException(0, "Invalid job execution " + id.asString());
            }
            executions.add(execution);
        } else if (name != null && !name.isNull()) {
            long limit = params.hasNonNull("limit") ? PhpValues.toInt(params.get("limit")) : 10;
            for (JobInstance instance : jobs.getJobInstances(name.asString(), 0, (int) Math.max(1, Math.min(limit, 1000)))) {
                executions.addAll(jobs.getJobExecutions(instance));
            }
            executions.sort(Comparator.comparingLong(JobExecution::getId).reversed());
            executions = executions.subList(0, (int) Math.min(executions.size(), Math.max(1, limit)));
        } else {
            throw new RestException(0, "Missing parameter 'job_execution_id' (or 'job_name')");
        }
        ArrayNode list = NODES.arrayNode();
        executions.forEach(execution -> list.add(render(execution)));
        return RestResult.basic().message("Found: " + executions.size()).put("jobs", list);
    }

    /** The execution, or null: the JDBC repository of Spring Batch 6 throws for an unknown id. */
    private JobExecution findExecution(long executionId) {
        try {
            return jobs.getJobExecution(executionId);
        } catch (EmptyResultDataAccessException e) {
            return null;
        }
    }

    private static ObjectNode render(JobExecution execution) {
        ObjectNode job = NODES.objectNode();
        job.put("id", Long.toString(execution.getId()));
        job.put("name", execution.getJobInstance().getJobName());
        job.put("status", execution.getStatus().name());
        job.put("exit_code", execution.getExitStatus().getExitCode());
        job.put("start_time", time(execution.getStartTime()));
        job.put("end_time", time(execution.getEndTime()));
        ObjectNode parameters = job.putObject("parameters");
        for (JobParameter<?> parameter : execution.getJobParameters()) {
            parameters.put(parameter.name(), String.valueOf(parameter.value()));
        }
        ArrayNode steps = job.putArray("steps");
        for (StepExecution step : execution.getStepExecutions()) {
            ObjectNode node = steps.addObject();
            node.put("name", step.getStepName());
            node.put("status", step.getStatus().name());
            node.put("read", step.getReadCount());
            node.put("written", step.getWriteCount());
            node.put("skipped", step.getSkipCount());
            node.put("commits", step.getCommitCount());
            node.put("rollbacks", step.getRollbackCount());
        }
        return job;
    }

    private static String time(LocalDateTime time) {
        return time == null ? "" : ValueConverter.DATETIME.format(time.withNano(0));
    }
}
