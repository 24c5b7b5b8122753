import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.IntFunction;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Load generator for rest.php: N concurrent clients (threads with blocking HTTP calls over loopback) run one
 * scenario for a fixed time; prints requests/s, p50/p99/max latency and errors (HTTP != 200 or JSON code != 0).
 * Run with: java RestBench.java URL USER PASSWORD PERSONS CLIENTS SECONDS
 */
public class RestBench {

    private static final Pattern KEY = Pattern.compile("\"key\":\"(\\d+)\"");

    public static void main(String[] args) throws Exception {
        String url = args[0] + "/webservices/rest.php?version=1.3";
        String user = args[1];
        String password = args[2];
        int persons = Integer.parseInt(args[3]);
        int clients = Integer.parseInt(args[4]);
        int seconds = Integer.parseInt(args[5]);
        HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(5)).build();
        String auth = "auth_user=" + enc(user) + "&auth_pwd=" + enc(password) + "&json_data=";

        long firstId = key(call(http, url, auth, "{\"operation\":\"core/get\",\"class\":\"Person\",\"key\":"
                + "\"SELECT Person WHERE name = 'Person0'\",\"output_fields\":\"id\"}"));
        long lastId = key(call(http, url, auth, "{\"operation\":\"core/get\",\"class\":\"Person\",\"key\":"
                + "\"SELECT Person WHERE name = 'Person" + (persons - 1) + "'\",\"output_fields\":\"id\"}"));
        String orgs = call(http, url, auth, "{\"operation\":\"core/get\",\"class\":\"Organization\",\"key\":"
                + "\"SELECT Organization WHERE name LIKE 'Bench Org %'\",\"output_fields\":\"id\"}");
        List<Long> orgIds = new ArrayList<>();
        Matcher matcher = KEY.matcher(orgs);
        while (matcher.find()) {
            orgIds.add(Long.parseLong(matcher.group(1)));
        }
        System.out.printf("Persons %d..%d, %d organizations, %d clients, %d s per scenario%n", firstId, lastId,
                orgIds.size(), clients, seconds);
        AtomicLong created = new AtomicLong();

        IntFunction<String> byId = n -> "{\"operation\":\"core/get\",\"class\":\"Person\",\"key\":"
                + (firstId + ThreadLocalRandom.current().nextLong(lastId - firstId + 1))
                + ",\"output_fields\":\"id, first_name, name, email, org_id, org_name\"}";
        IntFunction<String> byCriteria = n -> {
            int i = ThreadLocalRandom.current().nextInt(persons);
            return "{\"operation\":\"core/get\",\"class\":\"Person\",\"key\":{\"name\":\"Person" + i
                    + "\",\"first_name\":\"First" + i + "\"},\"output_fields\":\"id, first_name, name, email, org_name\"}";
        };
        IntFunction<String> byOql = n -> "{\"operation\":\"core/get\",\"class\":\"Person\",\"key\":"
                + "\"SELECT Person WHERE name = 'Person" + ThreadLocalRandom.current().nextInt(persons)
                + "'\",\"output_fields\":\"id, first_name, name, email, org_name\"}";
        IntFunction<String> create = n -> "{\"operation\":\"core/create\",\"comment\":\"bench\",\"class\":\"Person\","
                + "\"output_fields\":\"id\",\"fields\":{\"name\":\"New" + created.incrementAndGet() + "\",\"first_name\":\"Bench\","
                + "\"org_id\":" + orgIds.get(ThreadLocalRandom.current().nextInt(orgIds.size())) + "}}";

        run("warm-up (get by id, not counted)", http, url, auth, clients, Math.min(10, seconds), byId);
        System.out.printf("%-22s %10s %9s %9s %9s %8s%n", "scenario", "requests/s", "p50 ms", "p99 ms", "max ms", "errors");
        print("list_operations", run(null, http, url, auth, clients, seconds,
                n -> "{\"operation\":\"list_operations\"}"));
        print("core/get by id", run(null, http, url, auth, clients, seconds, byId));
        print("core/get by criteria", run(null, http, url, auth, clients, seconds, byCriteria));
        print("core/get by OQL", run(null, http, url, auth, clients, seconds, byOql));
        print("core/create", run(null, http, url, auth, clients, seconds, create));
    }

    record Stats(long requests, long errors, double seconds, long[] latencies) {
    }

    static Stats run(String label, HttpClient http, String url, String auth, int clients, int seconds,
                     IntFunction<String> request) throws InterruptedException {
        if (label != null) {
            System.out.println(label + "...");
        }
        long end = System.nanoTime() + seconds * 1_000_000_000L;
        List<long[]> perThread = new ArrayList<>();
        long[] counts = new long[clients];
        long[] errors = new long[clients];
        List<Thread> threads = new ArrayList<>();
        long start = System.nanoTime();
        for (int c = 0; c < clients; c++) {
            int client = c;
            long[] latencies = new long[4_000_000];
            perThread.add(latencies);
            Thread thread = new Thread(() -> {
                int n = 0;
                while (System.nanoTime() < end) {
                    String body = auth + enc(request.apply(n));
                    long t0 = System.nanoTime();
                    boolean ok;
                    try {
                        HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(url))
                                .header("Content-Type", "application/x-www-form-urlencoded")
                                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
                        ok = response.statusCode() == 200 && response.body().startsWith("{\"code\":0,");
                    } catch (Exception e) {
                        ok = false;
                    }
                    long elapsed = System.nanoTime() - t0;
                    if (n < latencies.length) {
                        latencies[n] = elapsed;
                    }
                    n++;
                    if (!ok) {
                        errors[client]++;
                    }
                }
                counts[client] = n;
            });
            threads.add(thread);
            thread.start();
        }
        for (Thread thread : threads) {
            thread.join();
        }
        double elapsed = (System.nanoTime() - start) / 1e9;
        long total = Arrays.stream(counts).sum();
        long[] all = new long[(int) Math.min(total, Integer.MAX_VALUE - 8)];
        int at = 0;
        for (int c = 0; c < clients; c++) {
            int n = (int) Math.min(counts[c], perThread.get(c).length);
            System.arraycopy(perThread.get(c), 0, all, at, n);
            at += n;
        }
        long[] latencies = Arrays.copyOf(all, at);
        Arrays.sort(latencies);
        return new Stats(total, Arrays.stream(errors).sum(), elapsed, latencies);
    }

    static void print(String scenario, Stats stats) {
        long[] l = stats.latencies();
        System.out.printf("%-22s %10.0f %9.2f %9.2f %9.2f %8d%n", scenario, stats.requests() / stats.seconds(),
                l[(int) (l.length * 0.50)] / 1e6, l[Math.min(l.length - 1, (int) (l.length * 0.99))] / 1e6,
                l[l.length - 1] / 1e6, stats.errors());
    }

    static String call(HttpClient http, String url, String auth, String json) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(url)).header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(auth + enc(json))).build(), HttpResponse.BodyHandlers.ofString()).body();
    }

    static long key(String reply) {
        Matcher matcher = KEY.matcher(reply);
        if (!matcher.find()) {
            throw new IllegalStateException("no object in " + reply);
        }
        return Long.parseLong(matcher.group(1));
    }

    static String enc(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}
