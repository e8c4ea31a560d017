package org.advocacyalerts.matcher;

/**
 * The words by which a statement asks, urges, welcomes, supports or commits: what {@code focus:} looks
 * for beside its own words in one sentence. The labelling rule they serve (bench/labels/set/README.md):
 * a statement on another subject that names, say, the peace talks in one sentence is about them when
 * that sentence calls on someone ("We urge both sides to conclude the peace agreement", "L'UE appelle
 * les parties à signer l'accord"), and only mentions them when it is a clause ("Even as Baku talks about
 * peace, its army keeps digging in"). An approximation: a call word anywhere in the sentence passes it
 * ("We call on Azerbaijan to release the detainees as a gesture towards lasting peace" is a call about
 * the detainees, not the peace). Written in the query language, English and French; words are stemmed
 * as any query's.
 */
final class CallWords {

    static final String QUERY = String.join(
            " OR ",
            // English
            "urge*",
            "\"call on\"",
            "\"calls on\"",
            "\"called on\"",
            "\"call upon\"",
            "\"calls upon\"",
            "\"call for\"",
            "\"calls for\"",
            "\"called for\"",
            "welcom*",
            // quoted, so not stemmed: not supporters; "supported" only where it is not a passive ("was
            // supported by", "the talks, supported by the EU"): what supported something is no call
            "\"support\"",
            "\"supports\"",
            "\"supporting\"",
            "(\"supported\" NOT/s (\"supported by\" OR \"is supported\" OR \"are supported\" OR \"was supported\""
                    + " OR \"were supported\" OR \"been supported\" OR \"be supported\"))",
            "encourag*",
            "commend*",
            "committed",
            "commitment*",
            "exhort*",
            "\"stand ready\"",
            "\"stands ready\"",
            "reaffirm*",
            "stress", // stemmed: stresses, stressed, stressing; not stressful
            "underscor*",
            "emphasi*",
            "\"need for\"",
            "\"need to\"",
            "\"importance of\"",
            "insist*",
            "demand*", // demands, demanded; also the noun ("Baku's demand that Armenia amend …")
            "advocat*", // advocate, advocates, advocating; not advocacy
            "\"ask that\"",
            "\"we ask\"",
            "\"press for\"",
            "\"pray for\"",
            "\"appeal to\"",
            "hope*",
            "\"look forward\"",
            "\"looks forward\"",
            "congratulat*",
            "must",
            "should",
            "redouble*",
            "\"work with\"",
            // quoted, so not stemmed: "promoted" is also a career step
            "\"promote\"",
            "\"promotes\"",
            "\"promoting\"",
            // French; quoted, so not stemmed: French stemming makes "appelle" (calls on) and "appelé"
            // (summoned, named) one word
            "\"appelle\"",
            "\"appellent\"",
            "\"appelons\"",
            "\"lance un appel\"",
            "\"lancent un appel\"",
            "salu*",
            "soutien*", // also soutient, soutiennent
            "soutenir",
            "réaffirm*",
            "soulign*",
            "\"demande\"",
            "\"demandent\"",
            "\"demandons\"",
            "exig*", // exige, exigent, exigeons, exigé
            "réclam*",
            "plaid*",
            "\"invite\"",
            "\"invitent\"",
            "\"prie\"",
            "espèr*",
            "\"ouvre la voie\"",
            "félicit*",
            "doivent",
            "doit");

    /** The list as one OR-group of the query language. */
    static final QueryNode NODE = QueryParser.parse(QUERY, QueryLimits.SUBSCRIPTIONS);

    private CallWords() {}
}
