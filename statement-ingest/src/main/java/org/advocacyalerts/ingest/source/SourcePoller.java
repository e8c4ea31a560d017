package org.advocacyalerts.ingest.source;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.logging.Log;
import jakarta.enterprise.context.ApplicationScoped;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadLocalRandom;
import org.advocacyalerts.ingest.article.ArticleExtractor;
import org.advocacyalerts.ingest.config.IngestConfig;
import org.advocacyalerts.ingest.feed.CanonicalUrl;
import org.advocacyalerts.ingest.feed.FeedFormatException;
import org.advocacyalerts.ingest.feed.FeedItem;
import org.advocacyalerts.ingest.feed.FeedParser;
import org.advocacyalerts.ingest.fetch.FetchException;
import org.advocacyalerts.ingest.fetch.SafeFetcher;
import org.advocacyalerts.ingest.intake.StatementService;
import org.advocacyalerts.ingest.metrics.IngestMetrics;
import org.advocacyalerts.ingest.store.NewStatement;
import org.advocacyalerts.ingest.store.SourceItemStore.PageState;
import org.advocacyalerts.ingest.store.SourceItemStore.Tracked;
import org.advocacyalerts.ingest.store.SourceStore;
import org.advocacyalerts.ingest.store.TextFrom;

/**
 * Polls sources: takes a source's lease (so no two replicas poll it at once), fetches the feed with
 * its validators (an unchanged feed answers 304 and costs nothing more), and turns each item not seen
 * before into a statement with the full text of its page (the feed's own text when the page fails).
 * A feed that cannot be fetched or read is retried later with exponential backoff and jitter, capped
 * at {@code ingest.poll.max-backoff}; the reason is the source's {@code lastError}.
 */
@ApplicationScoped
public class SourcePoller {

    /** Where a poll left the source: how many statements it added, or why it failed. */
    public record Outcome(int added, String error) {}

    private static final String FEED_ACCEPT = "application/rss+xml, application/atom+xml, application/feed+json,"
            + " application/xml;q=0.9, text/xml;q=0.9, application/json;q=0.8, */*;q=0.1";
    private static final String PAGE_ACCEPT = "text/html, application/xhtml+xml;q=0.9, */*;q=0.1";

    private final SourceStore sources;
    private final StatementService statements;
    private final SafeFetcher fetcher;
    private final FeedParser parser;
    private final ArticleExtractor extractor = new ArticleExtractor();
    private final IngestConfig config;
    private final Clock clock;
    private final IngestMetrics metrics;
    private final String owner = "ingest-" + UUID.randomUUID();

    /** Runs explicit backfills, one at a time, off the request thread. */
    private final ExecutorService background = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "backfill");
        t.setDaemon(true);
        return t;
    });

    SourcePoller(
            SourceStore sources,
            StatementService statements,
            SafeFetcher fetcher,
            ObjectMapper json,
            IngestConfig config,
            Clock clock,
            IngestMetrics metrics) {
        this.sources = sources;
        this.statements = statements;
        this.fetcher = fetcher;
        this.parser = new FeedParser(json);
        this.config = config;
        this.clock = clock;
        this.metrics = metrics;
    }

    /** Polls the most overdue source no replica holds; empty when none is due. */
    public Optional<Outcome> pollNextDue() {
        return claim(null).map(claimed -> poll(claimed, false));
    }

    /**
     * Polls one source now, due or not. When a poll of it is under way (the schedule's, or another
     * replica's), waits up to {@code patience} for it to end and then polls; empty if it does not end.
     */
    public Optional<Outcome> pollNow(String id, Duration patience) {
        return claimWaiting(id, patience).map(claimed -> poll(claimed, false));
    }

    /** The lease of one source, waiting up to {@code patience} for a poll under way to release it. */
    private Optional<SourceStore.Claimed> claimWaiting(String id, Duration patience) {
        Instant giveUp = clock.instant().plus(patience);
        while (true) {
            Optional<SourceStore.Claimed> claimed = claim(id);
            if (claimed.isPresent() || clock.instant().isAfter(giveUp)) {
                return claimed;
            }
            try {
                Thread.sleep(100); // the lease is released in the poll's last statement
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return Optional.empty();
            }
        }
    }

    private Optional<SourceStore.Claimed> claim(String id) {
        Instant now = clock.instant();
        return sources.claim(owner, now, now.plus(config.poll().lease()), id);
    }

    /**
     * Imports every item of the feed not seen before as history (published with {@code backfill=true}:
     * stored, never alerted), in the background, with progress on the source's status. Waits up to
     * {@code patience} for a poll under way; false when it does not end.
     */
    public boolean backfill(String id, Duration patience) {
        Optional<SourceStore.Claimed> claimed = claimWaiting(id, patience);
        if (claimed.isEmpty()) {
            return false;
        }
        sources.backfillProgress(id, owner, 0, 0);
        SourceStore.Claimed lease = claimed.get();
        background.execute(() -> {
            try {
                poll(lease, true);
            } catch (RuntimeException e) {
                Log.errorf(e, "backfill of source %s failed", id);
                failed(
                        lease.source(),
                        clock.instant(),
                        "backfill failed: " + e.getClass().getSimpleName());
            }
        });
        return true;
    }

    /**
     * Whether an item is history rather than news: published more than an hour before the source was
     * added (the first poll of a new source must not alert about last month's statements), or any item
     * of an explicit backfill. An item without a date is news.
     */
    private static boolean isHistory(Source source, Instant createdAt, Instant published, boolean backfill) {
        return backfill || (published != null && published.isBefore(createdAt.minus(Duration.ofHours(1))));
    }

    private Outcome poll(SourceStore.Claimed claimed, boolean backfill) {
        Source source = claimed.source();
        Instant started = clock.instant();
        SafeFetcher.Fetched feed;
        List<FeedItem> items;
        try {
            // A backfill reads the whole feed as it is now, not "unchanged since last time".
            feed = fetcher.get(
                    URI.create(source.url()),
                    backfill ? SafeFetcher.Validators.NONE : claimed.validators(),
                    FEED_ACCEPT);
            items = feed.notModified()
                    ? List.of()
                    : parser.parse(feed.body(), feed.contentType(), FeedParser.Type.of(source.type()), feed.uri());
        } catch (FetchException | FeedFormatException e) {
            return failed(source, started, e.getMessage());
        } catch (RuntimeException e) {
            Log.errorf(e, "polling source %s failed unexpectedly", source.id());
            return failed(
                    source,
                    started,
                    "internal error while polling: " + e.getClass().getSimpleName());
        }
        // Identities first: pages are fetched only for items not seen before.
        Map<String, FeedItem> byIdentity = new LinkedHashMap<>();
        for (int i = items.size() - 1; i >= 0; i--) { // feeds list the newest first: store the oldest first
            byIdentity.putIfAbsent(identity(items.get(i)), items.get(i));
        }
        Set<String> known = statements.knownItems(source.id(), byIdentity.keySet());
        byIdentity.keySet().removeAll(known);
        int added = 0;
        int done = 0;
        Instant leaseRenewed = started;
        List<String> skipped = new ArrayList<>();
        if (backfill) {
            sources.backfillProgress(source.id(), owner, 0, byIdentity.size());
        }
        for (Map.Entry<String, FeedItem> entry : byIdentity.entrySet()) {
            Optional<Extracted> extracted = statementOf(source, entry.getValue(), skipped);
            if (extracted.isPresent()
                    && statements.acceptItem(
                            source.id(),
                            entry.getKey(),
                            extracted.get().page(),
                            extracted.get().statement(),
                            isHistory(
                                    source,
                                    claimed.createdAt(),
                                    extracted.get().statement().publishedAt(),
                                    backfill))) {
                added++;
            }
            if (backfill) {
                sources.backfillProgress(source.id(), owner, ++done, byIdentity.size());
            }
            // A poll of many new pages may outlast its lease: renew it when half of it has run out.
            if (clock.instant().isAfter(leaseRenewed.plus(config.poll().lease().dividedBy(2)))) {
                leaseRenewed = clock.instant();
                sources.renewLease(
                        source.id(), owner, leaseRenewed.plus(config.poll().lease()));
            }
        }
        int revised = recheck(source, started);
        Instant now = clock.instant();
        String warning = skipped.isEmpty()
                ? null
                : skipped.size() + " item(s) skipped: "
                        + String.join("; ", skipped.subList(0, Math.min(3, skipped.size())));
        sources.succeeded(
                source.id(),
                owner,
                now,
                now.plusSeconds(source.pollIntervalSeconds()),
                feed.notModified() ? claimed.validators() : feed.validators(),
                added,
                warning);
        metrics.polled(source.id(), true);
        if (added > 0 || revised > 0) {
            Log.infof("source %s: %d new statement(s), %d revised", source.id(), added, revised);
        }
        return new Outcome(added, warning);
    }

    /** A statement made from an item, and where its page is (to look for revisions later). */
    private record Extracted(NewStatement statement, PageState page) {}

    /**
     * Looks again at the pages of recent items (conditional GET); a changed text becomes a revision.
     * The title stays the one the feed gave (a page's own title often differs from the feed's without
     * any change). A page that fails now is left alone: the statement keeps its text.
     */
    private int recheck(Source source, Instant pollStarted) {
        Instant now = pollStarted; // items stored by this poll were just read: not again

        int revised = 0;
        for (Tracked item : statements.itemsToRecheck(
                source.id(),
                now.minus(config.revisions().window()),
                now.minus(config.revisions().recheckInterval()),
                config.revisions().perPoll())) {
            PageState page = item.page();
            try {
                SafeFetcher.Fetched fetched = fetcher.get(
                        URI.create(page.link()),
                        new SafeFetcher.Validators(page.etag(), page.lastModified()),
                        PAGE_ACCEPT);
                if (fetched.notModified()) {
                    statements.checked(source.id(), item.identity(), page);
                    continue;
                }
                ArticleExtractor.Article article = extractor.extract(
                        fetched.body(), fetched.contentType(), fetched.uri(), source.articleSelector());
                PageState seen = new PageState(
                        page.link(),
                        fetched.validators().etag(),
                        fetched.validators().lastModified());
                if (article == null || article.isShort()) {
                    // (a page that now says little is more likely broken than revised)
                    statements.checked(source.id(), item.identity(), seen);
                } else if (statements.revise(source.id(), item.identity(), seen, null, article.text())) {
                    revised++;
                }
            } catch (FetchException | IllegalArgumentException e) {
                Log.debugf("source %s: page %s not rechecked: %s", source.id(), page.link(), e.getMessage());
            }
        }
        return revised;
    }

    /**
     * The statement an item becomes, never dropped for want of text: its page's main text; else the
     * feed's own text; else the page's short text (a two-sentence statement); else its title alone.
     * Empty only for an item with no title, no text and no page text: then {@code skipped} says why.
     */
    private Optional<Extracted> statementOf(Source source, FeedItem item, List<String> skipped) {
        String url = item.link() != null ? CanonicalUrl.of(item.link()) : null;
        String title = item.title();
        Instant published = item.published();
        String pageProblem = null;
        ArticleExtractor.Article article = null;
        PageState pageState = new PageState(null, null, null);
        if (item.link() != null) {
            try {
                SafeFetcher.Fetched page =
                        fetcher.get(URI.create(item.link()), SafeFetcher.Validators.NONE, PAGE_ACCEPT);
                article = extractor.extract(page.body(), page.contentType(), page.uri(), source.articleSelector());
                if (article == null) {
                    pageProblem = "no text found on the page";
                } else {
                    pageState = new PageState(
                            item.link(),
                            page.validators().etag(),
                            page.validators().lastModified());
                    if (title.isEmpty()) {
                        title = article.title();
                    }
                    if (published == null) {
                        published = article.published();
                    }
                    if (article.canonicalUrl() != null) {
                        url = CanonicalUrl.of(article.canonicalUrl());
                    }
                }
            } catch (FetchException | IllegalArgumentException e) {
                pageProblem = e.getMessage();
            }
        }
        String body;
        TextFrom from;
        if (article != null && !article.isShort()) {
            body = article.text();
            from = TextFrom.PAGE;
        } else if (!item.text().isBlank()) {
            body = item.text(); // the feed's own text, when the page failed or said little
            from = TextFrom.FEED;
        } else if (article != null) {
            body = article.text();
            from = TextFrom.PAGE_SHORT;
        } else {
            body = "";
            from = TextFrom.TITLE;
        }
        String name = title.isEmpty() ? item.identity() : "\"" + title + "\"";
        if (from == TextFrom.TITLE && title.isEmpty()) {
            skipped.add(name + ": no title, no text in the feed"
                    + (pageProblem != null ? " and page not used (" + pageProblem + ")" : " and no page"));
            return Optional.empty();
        }
        if (from != TextFrom.PAGE) {
            Log.infof(
                    "source %s, item %s: text from %s%s",
                    source.id(),
                    name,
                    from.value(),
                    pageProblem != null ? " (page not used: " + pageProblem + ")" : "");
        }
        if (url == null) {
            url = source.url() + "#" + item.identity(); // a statement needs a URL; this one names the feed entry
        }
        return Optional.of(new Extracted(
                new NewStatement(
                        source.id(),
                        url,
                        title.isEmpty() ? "(untitled)" : title,
                        body,
                        source.language(),
                        published != null ? published : clock.instant(),
                        from),
                pageState));
    }

    private static String identity(FeedItem item) {
        return item.guid() != null ? item.guid() : CanonicalUrl.of(item.link());
    }

    private Outcome failed(Source source, Instant started, String error) {
        int failures = source.status().consecutiveFailures() + 1;
        Instant now = clock.instant();
        sources.failed(source.id(), owner, now, now.plus(backoff(source.pollIntervalSeconds(), failures)), error);
        metrics.polled(source.id(), false);
        Log.warnf("source %s: %s (failure %d in a row)", source.id(), error, failures);
        return new Outcome(0, error);
    }

    /** The poll interval doubled per failure in a row, ±20 % jitter, never past the cap. */
    Duration backoff(int intervalSeconds, int failures) {
        double base = intervalSeconds * Math.pow(2, Math.min(failures - 1, 20));
        double capped = Math.min(base, config.poll().maxBackoff().toSeconds());
        double jittered = capped * (0.8 + 0.4 * ThreadLocalRandom.current().nextDouble());
        return Duration.ofMillis(
                (long) (Math.min(jittered, config.poll().maxBackoff().toSeconds()) * 1000));
    }
}
