package tributary.cmdb;

import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;

/** A case log: entries, oldest first. Inputs are {@link AddItem} (append) or {@link ReplaceItems}. */
public record CaseLog(List<Entry> entries) {

    public CaseLog {
        entries = List.copyOf(entries);
    }

    public static CaseLog empty() {
        return new CaseLog(List.of());
    }

    public CaseLog append(Entry entry) {
        List<Entry> all = new ArrayList<>(entries);
        all.add(entry);
        return new CaseLog(all);
    }

    /**
     * One entry.
     *
     * @param date        when it was written
     * @param userLogin   displayed author
     * @param userId      author's user id (0 when the author is only a name)
     * @param messageHtml the message as HTML
     */
    public record Entry(LocalDateTime date, String userLogin, long userId, String messageHtml) {
    }

    /** Input: append one entry; null fields take the writer's identity and the current time. */
    public record AddItem(String message, boolean html, String userLogin, Long userId, LocalDateTime date) {
    }

    /** Input: replace the whole log. */
    public record ReplaceItems(List<AddItem> items) {
        public ReplaceItems {
            items = List.copyOf(items);
        }
    }
}
