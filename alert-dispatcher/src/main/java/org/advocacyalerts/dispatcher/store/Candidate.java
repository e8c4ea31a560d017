package org.advocacyalerts.dispatcher.store;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * An active subscription a statement may alert, with what planning and sending its alert need: the
 * topics it follows, whether its alerts wait for a digest, the signing secrets, sealed as stored
 * ({@code previousSecret} only while a rotation's 24 h last, else null) and since when its 5-day failure clock runs.
 */
public record Candidate(
        UUID id,
        String channel,
        String target,
        List<String> topics,
        boolean digest,
        String secret,
        String previousSecret,
        Instant since) {}
