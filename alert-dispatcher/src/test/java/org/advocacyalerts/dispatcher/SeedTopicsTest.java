package org.advocacyalerts.dispatcher;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.advocacyalerts.api.FieldErrors;
import org.advocacyalerts.dispatcher.match.Topic;
import org.advocacyalerts.dispatcher.match.TopicValidator;
import org.advocacyalerts.matcher.CompiledQuery;
import org.advocacyalerts.matcher.QueryCompiler;
import org.advocacyalerts.matcher.QueryLimits;
import org.advocacyalerts.matcher.StatementText;
import org.advocacyalerts.matcher.Thesaurus;
import org.advocacyalerts.matcher.TopicMonitor;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The default topics as shipped in seeds/topics: the sample statement and the hard cases. */
class SeedTopicsTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static TopicMonitor monitor;

    @BeforeAll
    static void loadSeedTopics() throws IOException {
        QueryCompiler compiler = new QueryCompiler(QueryLimits.TOPICS);
        Map<String, CompiledQuery> queries = new LinkedHashMap<>();
        try (Stream<Path> files = Files.list(Path.of("../seeds/topics"))) {
            for (Path file : files.filter(f -> f.toString().endsWith(".json")).toList()) {
                Topic topic = JSON.readValue(file.toFile(), Topic.class);
                queries.put(topic.id(), compiler.compile(topic.query(), new Thesaurus(topic.aliases())));
            }
        }
        monitor = new TopicMonitor();
        monitor.register(queries);
    }

    @AfterAll
    static void close() {
        monitor.close();
    }

    private static Set<String> topics(String title, String body) {
        return topics(title, body, "en");
    }

    private static Set<String> topicsInFrench(String title, String body) {
        return topics(title, body, "fr");
    }

    private static Set<String> topics(String title, String body, String language) {
        return monitor.matchingIds(new StatementText(title, body, language, "test"));
    }

    @Test
    void everyDefaultTopicIsShipped() {
        assertThat(monitor.ids())
                .containsExactlyInAnyOrder(
                        "border", "prisoners", "section-907", "peace-process", "humanitarian", "genocide-remembrance");
    }

    /**
     * Every statement is matched against the default topics: one naming none of their words must run none
     * of them. Three ran on every statement (28 ms for one line on a quiet machine), each filed as a
     * candidate of everything for a clause of words with a wildcard among them ({@code Azerbaijan* OR
     * Baku}).
     */
    @Test
    void aStatementNamingNoneOfTheirWordsRunsNoDefaultTopic() {
        assertThat(monitor.stats(new StatementText("Weather", "Snow fell near Verinshen on Tuesday.", "en", "test"))
                        .candidates())
                .isZero();
        assertThat(monitor.stats(new StatementText(
                                "Yemen", "The parties to the truce agreed to extend it by two months.", "en", "test"))
                        .candidates())
                .as("a truce elsewhere: words of peace, none of the topics' places")
                .isZero();
    }

    @Test
    void everySeedFileHasAliasesTheSeederAccepts() throws IOException {
        // the seeder skips a topic whose aliases the API would refuse (a group of more than 100 terms, say):
        // the service would then start without that default topic. A term in two groups is one of those: it
        // finds the members of both ("Serbia" added to the third states, which hold Georgia, once made Georgia
        // an alias of the Serbia of "title:(... Serbia ...)"), and the terms are named here
        try (Stream<Path> files = Files.list(Path.of("../seeds/topics"))) {
            for (Path file : files.filter(f -> f.toString().endsWith(".json")).toList()) {
                Topic topic = JSON.readValue(file.toFile(), Topic.class);
                assertThat(new Thesaurus(topic.aliases()).inSeveralGroups())
                        .as("%s: terms in two groups", file.getFileName())
                        .isEmpty();
                FieldErrors errors = new FieldErrors();
                assertThat(TopicValidator.aliasesValid(topic.aliases(), errors))
                        .as("%s: %s", file.getFileName(), errors)
                        .isTrue();
                // the portal shows the summary first; a description grown with the topic's rules is no summary
                assertThat(topic.summary())
                        .as("%s: a summary for subscribers", file.getFileName())
                        .isNotBlank()
                        .hasSizeLessThanOrEqualTo(TopicValidator.MAX_SUMMARY);
                // the seeder skips a seed whose description is longer than the API allows, and the default
                // topics' descriptions grow with their rules, close to it
                assertThat(topic.description())
                        .as("%s: the description", file.getFileName())
                        .hasSizeLessThanOrEqualTo(TopicValidator.MAX_DESCRIPTION);
            }
        }
    }

    @Test
    void seedStatementMatchesBorderPrisonersAndSection907() throws IOException {
        var seed = JSON.readTree(Path.of("../seeds/statements/2021-05-28-armenian-assembly-pows-border.json")
                .toFile());

        assertThat(topics(seed.get("title").asText(), seed.get("body").asText()))
                .contains("border", "prisoners", "section-907");
    }

    @Test
    void prisonerExchangeBetweenRussiaAndUkraineIsNotPrisoners() {
        assertThat(
                        topics(
                                "Statement on the prisoner exchange",
                                "Russia and Ukraine exchanged 200 prisoners of war today. We welcome the release of Ukrainian POWs."))
                .doesNotContain("prisoners");
    }

    @Test
    void armenianPrisonersInABriefingThatAlsoNamesAnotherConflictArePrisoners() {
        // "Gaza" and "Hamas", written to leave out statements on other prisoners, stood for the whole
        // alias group "other conflicts": any statement naming Afghanistan or Lebanon anywhere was left out
        assertThat(topics(
                        "Department Press Briefing",
                        "On Afghanistan, we continue to press the Taliban to reopen schools for girls. Turning to"
                                + " the South Caucasus, we call on Azerbaijan to release the remaining Armenian"
                                + " prisoners of war without delay."))
                .contains("prisoners");
        assertThat(topics(
                        "Readout of the Secretary's call with Prime Minister Pashinyan",
                        "The Secretary and Prime Minister Pashinyan discussed the return of Armenian detainees held"
                                + " in Azerbaijan. They also discussed regional security, including the situation in"
                                + " Lebanon."))
                .contains("prisoners");
        assertThat(topics("Hostages in Gaza", "Azerbaijan calls for the release of all hostages held in Gaza."))
                .doesNotContain("prisoners");
        assertThat(topics(
                        "Two Azerbaijani sailors released",
                        "The Ministry welcomes the release of two Azerbaijani sailors held hostage by pirates in the"
                                + " Gulf of Aden. We thank Somalia and Kenya for their help."))
                .as("sailors held by pirates are not the prisoners of the war")
                .doesNotContain("prisoners");
        assertThat(topics(
                        "Exchange",
                        "Azerbaijan released 32 Armenian POWs in exchange for two Azerbaijani nationals. The United"
                                + " States welcomes the step."))
                .as("an exchange names the other side's nationals beside the Armenian captives")
                .contains("prisoners");
    }

    @Test
    void plainPrisonersToBeReleasedAreArmenianPrisonersOnlyBesideArmeniaAndAzerbaijan() {
        // the words of a real post (bench/labels/set, peace-process-en-real-47): "prisoners" alone
        assertThat(topics(
                        "National Security Advisor on his call",
                        "I spoke this week with the national security advisor for President Aliyev in Azerbaijan. We"
                                + " are pleased Azerbaijan and Armenia have agreed to a peace treaty. I told him we"
                                + " should finalize this peace deal now, release the prisoners, and work together."))
                .contains("prisoners");
        assertThat(topics(
                        "Pardon",
                        "President Aliyev pardoned and released 150 prisoners. Armenia and Azerbaijan met in"
                                + " Brussels the same day."))
                .as("Azerbaijan's own prisoners, released under a pardon")
                .doesNotContain("prisoners");
        assertThat(topics(
                        "Human rights",
                        "We urge Azerbaijan to release its political prisoners. We also welcome progress between"
                                + " Armenia and Azerbaijan."))
                .doesNotContain("prisoners");
    }

    @Test
    void oneArmenianSoldierCapturedIsPrisonersInFrenchToo() {
        assertThat(topicsInFrench(
                        "Déclaration sur le militaire arménien aux mains de l'Azerbaïdjan",
                        "Un soldat arménien qui s'était égaré près de la frontière dans la région du Syunik a été"
                                + " capturé par les forces azerbaïdjanaises. Nous exigeons son retour immédiat."))
                .contains("prisoners");
        assertThat(topicsInFrench(
                        "Exercices",
                        "Des soldats arméniens ont participé à un exercice près de Gyumri. L'Azerbaïdjan a tenu le"
                                + " sien à Bakou."))
                .doesNotContain("prisoners");
    }

    @Test
    void sentencesHandedDownInBakuToKarabakhsLeadersArePrisonersInFrench() {
        assertThat(topicsInFrench(
                        "Azerbaïdjan – Verdict contre les anciens dirigeants du Haut-Karabakh",
                        "La France a pris connaissance des lourdes peines prononcées par le tribunal militaire de"
                                + " Bakou à l'encontre de quinze anciens dirigeants du Haut-Karabakh. Elle appelle"
                                + " l'Azerbaïdjan à faire preuve de clémence."))
                .contains("prisoners");
        assertThat(topicsInFrench(
                        "Azerbaïdjan – Journalistes",
                        "Un tribunal de Bakou a prononcé des peines de huit ans contre des journalistes"
                                + " azerbaïdjanais. Ils avaient enquêté sur les contrats avec l'Arménie."))
                .as("the sentence names no Armenian or Karabakh")
                .doesNotContain("prisoners");
    }

    @Test
    void tensionOnTheBorderInAReadoutOnArmeniaAndAzerbaijanIsBorder() {
        // the words of a real readout (bench/labels/set, peace-process-en-real-22)
        assertThat(topics(
                        "Secretary Blinken's Call with Azerbaijani President Aliyev",
                        "Secretary Blinken and President Aliyev discussed the importance of advancing the peace"
                                + " process between Azerbaijan and Armenia. The Secretary underscored that there is no"
                                + " justification for increased tension on the border."))
                .contains("border");
        assertThat(topics(
                        "Press Briefing",
                        "Good afternoon. We have a few announcements today. You said that you are seeing a build-up of"
                                + " Serbian troops on the border with Kosovo and tension on the border. We also"
                                + " discussed Armenia and Azerbaijan."))
                .as("a long briefing's line on another border, the region named further down")
                .doesNotContain("border");
    }

    @Test
    void deathsOnTheBorderInAnArmenianProvinceAreBorderThoughNoCountryIsNamed() {
        // the words of a real message (bench/labels/set, border-en-real-21)
        assertThat(topics(
                        "U.S. Embassy Yerevan message",
                        "We express our deep condolences to the families of those killed on the border in Syunik"
                                + " province, and wish a speedy recovery to those wounded."))
                .contains("border");
        assertThat(topics("Meghri", "Two smugglers were killed on the border with Iran in Syunik province."))
                .doesNotContain("border");
    }

    @Test
    void azerbaijaniFireOnAnArmenianBorderVillageIsBorderThoughNoBorderIsNamed() {
        assertThat(topics(
                        "Syunik",
                        "A farmer was wounded by Azerbaijani fire while working his field in the village of Khnatsakh"
                                + " in Syunik."))
                .contains("border");
        assertThat(topics(
                        "Nerkin Hand",
                        "An Armenian soldier was killed by an Azerbaijani sniper near Nerkin Hand in Syunik on"
                                + " Tuesday."))
                .contains("border");
        assertThat(topics(
                        "Statement",
                        "Azerbaijani forces have built new fortifications on heights overlooking the village of Sotk."))
                .contains("border");
        assertThat(topicsInFrench(
                        "Syunik",
                        "Les villages du Syunik vivent sous le feu des positions azerbaïdjanaises installées sur les"
                                + " hauteurs depuis 2021."))
                .contains("border");
        assertThat(topics(
                        "Aid",
                        "USAID delivered food to families in Goris and Sisian who fled Nagorno-Karabakh when"
                                + " Azerbaijani troops entered Stepanakert."))
                .as("refugees in a border town are not the border")
                .doesNotContain("border");
        assertThat(topics(
                        "Wine",
                        "Vayots Dzor's wineries, from Areni to Yeghegnadzor, survived the tensions with Azerbaijan and"
                                + " now export to Europe."))
                .as("a border province with tensions but no fire")
                .doesNotContain("border");
        assertThat(topics(
                        "Statement",
                        "Azerbaijani troops advanced three kilometres into Armenia near Jermuk overnight."))
                .contains("border");
        assertThat(topicsInFrench(
                        "Arménie",
                        "Des drones azerbaïdjanais ont frappé Jermuk, ville thermale située au cœur de l'Arménie."))
                .contains("border");
        assertThat(topics(
                        "Mining",
                        "The Kapan mine advanced its output by 10 percent, despite Azerbaijan's pressure on the"
                                + " region's economy."))
                .as("advancing, not troops")
                .doesNotContain("border");
    }

    @Test
    void anIncursionAgainstTheArmeniansOfKarabakhUnderAnAntiTerroristPretextIsNotTheBorder() {
        // as bench/labels/set, humanitarian-en-real-29: the offensive of September 2023, not the border
        assertThat(topics(
                        "Senators condemn Azerbaijan's military escalation",
                        "We condemn Azerbaijan's unprovoked military incursion against Armenians under the false"
                                + " pretext of an 'anti-terrorist operation'."))
                .doesNotContain("border");
        assertThat(topics(
                        "Statement on Armenia",
                        "We condemn Azerbaijan's military incursion into Armenia's sovereign territory."))
                .contains("border");
    }

    @Test
    void troopsThatCrossedIntoArmeniaAreTheBorderAndADetentionAfterCrossingIsNot() {
        // probes, not labelled statements
        assertThat(topics(
                        "Statement on Azerbaijani troop movements",
                        "The United States is concerned by reports that Azerbaijani troops crossed several"
                                + " kilometers into Armenia's Syunik and Gegharkunik provinces. We call on Azerbaijan"
                                + " to pull its forces back to their initial positions."))
                .contains("border");
        assertThat(topics(
                        "First Azerbaijani cargo trucks cross Syunik",
                        "The first Azerbaijani cargo trucks crossed into Armenia's Syunik province under the new"
                                + " transit arrangement and reached Nakhchivan in four hours."))
                .as("trucks are not troops")
                .doesNotContain("border");
        assertThat(topics(
                        "Azerbaijani soldier detained in Syunik",
                        "An Azerbaijani soldier who crossed into Armenia's Syunik province was detained by Armenian"
                                + " border guards, the Defence Ministry in Yerevan said."))
                .as("the prisoners' story, as a soldier handed over")
                .doesNotContain("border");
    }

    @Test
    void azerbaijanAskedToPullBackItsForcesIsTheBorderThoughTheAnswerNamesNoBorder() {
        // as bench/labels/set, border-en-real-19: a briefing answer on the May 2021 incursion
        assertThat(topics(
                        "Department Press Briefing",
                        "Military movements in disputed territories are provocative. We expect Azerbaijan to pull"
                                + " back all forces immediately."))
                .contains("border");
        assertThat(topics(
                        "Statement on Nagorno-Karabakh",
                        "Azerbaijan demands the withdrawal of the remaining forces from Karabakh."))
                .as("forces in Karabakh are not the border")
                .doesNotContain("border");
        assertThat(topics(
                        "Statement on Georgia",
                        "We call on Russia to withdraw its forces from Georgia, as Azerbaijan and Armenia watch."))
                .doesNotContain("border");
        assertThat(topics(
                        "Recognizing the Republic Day of Azerbaijan",
                        "In 1993, the Security Council demanded the withdrawal of Armenian forces from the occupied"
                                + " territories of Azerbaijan."))
                .as("as bench/labels/set, peace-process-neg-en-real-55: Armenian forces leaving Azerbaijan, 1993")
                .doesNotContain("border");
    }

    @Test
    void clashesNearTovuzOrSadarakAreTheBorderAndClashesInKarabakhAreNot() {
        // "Karabakh" was in the alias group "Azerbaijani side" (Baku, Nakhchivan, Tovuz, Sadarak, …), so
        // border's "NOT/s (Karabakh OR …)" left out every sentence naming a district on the border
        assertThat(topics(
                        "Statement on the Tavush-Tovuz clashes",
                        "We are following the situation in Armenia's Tavush province closely. Incidents between"
                                + " Armenian and Azerbaijani forces along the Tavush-Gazakh section have left"
                                + " several soldiers wounded. We urge restraint."))
                .contains("border");
        assertThat(topics(
                        "Embassy statement on Yeraskh",
                        "The Embassy is concerned by the shooting near Yeraskh. Skirmishes between Armenian and"
                                + " Azerbaijani forces near Sadarak have continued for three days."))
                .contains("border");
        assertThat(topics(
                        "Russian peacekeepers in Karabakh",
                        "Incidents between Armenian and Azerbaijani forces in Karabakh were reported by the"
                                + " Russian peacekeeping contingent. The peacekeepers called for calm along the line"
                                + " of contact."))
                .as("fire in Karabakh is not the border")
                .doesNotContain("border");
    }

    @Test
    void troopsWithdrawnAreTheBorderButAnyWithdrawalAfterAttacksIsNot() {
        // "troops", "forces" and "troupes" were members of the group "hostilities", so border's "withdraw
        // NEAR/s (troops OR forces)" also took a withdrawal beside an attack, a tension or a clash
        assertThat(topics(
                        "Retrait de l'Assemblée parlementaire",
                        "L'Azerbaïdjan a retiré sa délégation de l'Assemblée parlementaire après des attaques contre"
                                + " ses pouvoirs. L'Arménie a pris acte."))
                .doesNotContain("border");
        assertThat(topics(
                        "Armenian soldier captured",
                        "An Armenian soldier who strayed across the border was detained by Azerbaijani troops, the"
                                + " Defence Ministry in Yerevan said."))
                .as("the prisoners' story")
                .doesNotContain("border");
        assertThat(topics(
                        "Call to pull back",
                        "The United States calls on Azerbaijan to withdraw its troops from the positions near Jermuk."
                                + " Armenia's sovereign territory must be respected."))
                .contains("border");
        assertThat(topics(
                        "Troop build-up",
                        "Azerbaijani troops have massed near the border with Armenia, the Defence Ministry in Yerevan"
                                + " said. The United States urges restraint on both sides."))
                .contains("border");
    }

    @Test
    void aForestFireNearTheBorderIsNotBorderFire() {
        // "fire" was a member of the group "hostilities", so border's "near the border NEAR/s hostilities"
        // took a forest fire
        assertThat(topics(
                        "Forest fire",
                        "Armenian and Azerbaijani firefighters fought a forest fire near the border in Tavush for"
                                + " two days. The fire is now under control, the Ministry of Emergency Situations"
                                + " of Armenia said."))
                .doesNotContain("border");
        assertThat(topics(
                        "EUMA observes exchange of fire",
                        "Monitors of the EU Mission in Armenia observed an exchange of fire near the village of"
                                + " Nerkin Hand in Syunik, close to the border with Azerbaijan."))
                .contains("border");
        assertThat(topics(
                        "Fire on the border",
                        "Azerbaijani fire on the border wounded an Armenian soldier in Syunik overnight."))
                .contains("border");
    }

    @Test
    void aSoldierSentencedForAShootingNearTheBorderIsNotBorderFire() {
        // as bench/labels/set, prisoners-neg-en-33: a court case, as the topic's description says
        assertThat(topics(
                        "Court sentences soldier for the shooting in a military unit",
                        "The Syunik regional court sentenced a conscript to life imprisonment for shooting four"
                                + " fellow servicemen in a military unit near the border with Azerbaijan."))
                .doesNotContain("border");
        assertThat(topics(
                        "Shooting in Syunik",
                        "Azerbaijani forces opened fire on a military unit near the border in Syunik; two Armenian"
                                + " servicemen were wounded."))
                .contains("border");
    }

    @Test
    void aSoldierCapturedNearTheBorderIsThePrisonersStoryNotTheBorder() {
        // as bench/labels/set, prisoners-fr-35: the border says only where he was taken
        assertThat(topicsInFrench(
                        "Déclaration sur le militaire arménien aux mains de l'Azerbaïdjan",
                        "Un soldat arménien qui s'était égaré près de la frontière dans la région du Syunik a été"
                                + " capturé par les forces azerbaïdjanaises. Nous exigeons son retour immédiat."))
                .contains("prisoners")
                .doesNotContain("border");
        assertThat(topics(
                        "Statement on Armenia and Azerbaijan",
                        "Azerbaijani forces attacked Armenian positions on the border near Jermuk and captured two"
                                + " Armenian servicemen."))
                .as("a capture in a sentence naming both countries and the border is still the border")
                .contains("border", "prisoners");
    }

    @Test
    void otherCountriesBorderDemarcationIsNotBorder() {
        assertThat(
                        topics(
                                "Kyrgyzstan and Tajikistan sign border treaty",
                                "The United States welcomes the completion of border demarcation between Kyrgyzstan and Tajikistan."))
                .doesNotContain("border");
        assertThat(topics("Cambodia-Thailand", "Border demarcation between Cambodia and Thailand must continue."))
                .isEmpty();
    }

    @Test
    void hostagesInGazaAndGeorgiaTheStateAreNotAlerts() {
        assertThat(topics("Hostages", "We will not rest until every hostage held by Hamas in Gaza is home."))
                .isEmpty();
        assertThat(topics("Hurricane relief for Georgia", "Federal aid for Atlanta, Georgia after the storm."))
                .isEmpty();
    }

    @Test
    void anotherLawsSection907IsNotSection907() {
        assertThat(topics("Tax bill", "Section 907 of the Internal Revenue Code is amended as follows."))
                .isEmpty();
        assertThat(topics("Aid", "The President waived Section 907 of the FREEDOM Support Act for Azerbaijan."))
                .contains("section-907");
    }

    @Test
    void remembranceDayStatementIsGenocideRemembrance() {
        assertThat(topics(
                        "Statement on Armenian Remembrance Day",
                        "Today we remember the Meds Yeghern, one of the worst atrocities of the 20th century."))
                .contains("genocide-remembrance");
    }

    @Test
    void peaceDealNamingBothCountriesIsPeaceProcess() {
        assertThat(topics(
                        "President Trump Brokers Another Historic Peace Deal",
                        "Armenia and Azerbaijan signed a joint declaration toward a lasting peace agreement."))
                .contains("peace-process");
        assertThat(topics("Peace deal", "The peace deal between Rwanda and the DRC was signed."))
                .isEmpty();
    }

    @Test
    void talksNamedInAClauseFramingAnotherSubjectAreNotThePeaceProcess() {
        // as bench/labels/set, border-en-39 and peace-process-neg-fr-47: the frame, not the news
        assertThat(topics(
                        "Azerbaijani positions near Jermuk",
                        "Even as Azerbaijan negotiates a peace treaty with Armenia, its troops keep building"
                                + " positions near Jermuk."))
                .doesNotContain("peace-process");
        assertThat(topicsInFrench(
                        "Patrimoine arménien",
                        "Alors que l'Arménie et l'Azerbaïdjan négocient la paix, des églises arméniennes du"
                                + " Haut-Karabakh continuent d'être détruites."))
                .doesNotContain("peace-process");
        assertThat(topicsInFrench(
                        "Reprise des négociations",
                        "Alors que les tensions persistent à la frontière, l'Arménie et l'Azerbaïdjan ont repris les"
                                + " négociations sur le traité de paix."))
                .as("the talks in the main clause, the frame another subject")
                .contains("peace-process");
        assertThat(topics(
                        "Statement on the peace process",
                        "The United States welcomes the progress in the negotiations between Armenia and Azerbaijan,"
                                + " even as much work remains on the peace treaty."))
                .contains("peace-process");
    }

    @Test
    void aBriefingAnswerOnADignifiedPeaceIsThePeaceProcessThoughItNamesNeitherCountry() {
        // as bench/labels/set, peace-process-en-real-65: the answer alone, the question named the countries
        assertThat(topics(
                        "Department Press Briefing",
                        "I won't get ahead of the schedule. We look forward to the next round as the parties work"
                                + " toward a durable and dignified peace in the South Caucasus."))
                .contains("peace-process");
        assertThat(topics(
                        "Department Press Briefing",
                        "I won't speak for Russia when it comes to Armenia and Azerbaijan. We believe, whatever"
                                + " others say, that an agreement remains within reach."))
                .as("as peace-process-en-real-24: an agreement within reach")
                .contains("peace-process");
        assertThat(topics(
                        "Department Press Briefing",
                        "We will keep working with our partners toward a just and dignified peace for Ukraine."))
                .as("another war's peace")
                .doesNotContain("peace-process");
    }

    @Test
    void theFlightRecalledInAStatementOnATrialIsPrisonersNotHumanitarian() {
        // as bench/labels/set, humanitarian-neg-en-75: the labelling rule's background, not its subject
        assertThat(topics(
                        "Former State Minister of Nagorno-Karabakh sentenced in Baku",
                        "A military court in Baku sentenced the former State Minister of Nagorno-Karabakh to twenty"
                                + " years in prison. He was detained at the Azerbaijani checkpoint as he tried to leave"
                                + " with the tens of thousands of Armenians fleeing Nagorno-Karabakh."))
                .contains("prisoners")
                .doesNotContain("humanitarian");
        assertThat(topics(
                        "The trial in Baku and the refugees",
                        "While Karabakh's former leaders stand trial in Baku, the refugees from Nagorno-Karabakh"
                                + " still cannot go home. Two years on, 100,000 refugees in Armenia wait for their"
                                + " right of return."))
                .as("a statement whose body is about the refugees, whatever its title")
                .contains("humanitarian");
    }

    @Test
    void theBlockadeListedAfterTheWarOf2020IsBackgroundNotHumanitarian() {
        // as bench/labels/set, prisoners-en-real-24: a letter on the prisoners and COP29 recalls the wrongs
        assertThat(topics(
                        "Letter ahead of COP29",
                        "Azerbaijan's deadly attack in Nagorno Karabakh in 2020, the 10-month blockade of the Lachin"
                                + " Corridor and the September 2023 cleansing of ethnic Armenians in Nagorno-Karabakh"
                                + " violated international law."))
                .doesNotContain("humanitarian");
        assertThat(topics(
                        "The worst crisis",
                        "The blockade, the worst crisis since the 2020 war, has left 120,000 Armenians in"
                                + " Nagorno-Karabakh without enough food."))
                .as("the blockade itself the news")
                .contains("humanitarian");
    }

    @Test
    void theBlockadeRecalledInOneLineOfAnotherSubjectIsBackgroundNotHumanitarian() {
        // probes, not labelled statements
        assertThat(topics(
                        "Statement on Azerbaijani shelling near Jermuk",
                        "Azerbaijani forces shelled positions near Jermuk overnight, wounding three Armenian"
                                + " soldiers. Azerbaijan, which starved Nagorno-Karabakh through its blockade, now"
                                + " tests Armenia's own border."))
                .contains("border")
                .doesNotContain("humanitarian");
        assertThat(topics(
                        "Statement on the peace treaty signing",
                        "We welcome the signing of the peace treaty between Armenia and Azerbaijan. It comes two"
                                + " years after the blockade and the exodus of Nagorno-Karabakh's Armenians, and it"
                                + " must now be implemented in good faith."))
                .doesNotContain("humanitarian");
        assertThat(topics(
                        "Statement on Lachin",
                        "Azerbaijan's blockade of the Lachin corridor continues. We urge Baku to restore free"
                                + " movement of people and goods."))
                .as("the blockade in the first sentence is what the statement is about")
                .contains("humanitarian");
    }

    @Test
    void theEthnicCleansingRecalledInOneLineIsBackgroundNotHumanitarian() {
        // a negative probe: "ethnic cleansing" alone had counted anywhere, as the blockade does
        assertThat(topics(
                        "Senator on Azerbaijan's COP29 presidency",
                        "Azerbaijan should not host the world's climate conference while it jails its own"
                                + " journalists. The world saw the ethnic cleansing of Nagorno-Karabakh a year ago; we"
                                + " must not let Baku greenwash its record."))
                .doesNotContain("humanitarian");
        assertThat(topics(
                        "Statement on Azerbaijan's ethnic cleansing",
                        "Two years ago, Azerbaijan's forces completed what many legal scholars call an ethnic"
                                + " cleansing. More than 100,000 Armenians left their homes in Artsakh within a week."))
                .as("a statement about the ethnic cleansing, named in its title")
                .contains("humanitarian");
        assertThat(topicsInFrench(
                        "Déclaration",
                        "Il y a deux ans, le nettoyage ethnique du Haut-Karabakh a chassé toute sa population"
                                + " arménienne. Nous demandons un retour sûr et digne."))
                .as("named in the first sentence, in French")
                .contains("humanitarian");
    }

    @Test
    void activistsSentencedForCallingForReconciliationAreNotThePeaceProcess() {
        assertThat(topics(
                        "Azerbaijan: activists jailed",
                        "A court in Baku sentenced two Azerbaijani activists to six years in prison for posts that"
                                + " called for reconciliation with Armenia. We call for their release."))
                .doesNotContain("peace-process");
        assertThat(topics(
                        "Azerbaijan and Armenia",
                        "We welcome the reconciliation between Armenia and Azerbaijan. Activists in Baku were"
                                + " sentenced for their posts."))
                .as("the sentencing is another sentence")
                .contains("peace-process");
    }

    @Test
    void peaceNamedOnlyAsWhatAnActServesOrThreatensIsNotThePeaceProcess() {
        // as bench/labels/set, prisoners-en-53: the labelling rule's own example of a clause
        assertThat(topics(
                        "Statement by the Spokesperson on the verdicts in Baku",
                        "Courts in Baku sentenced Armenian detainees today. We call on Azerbaijan to release the"
                                + " remaining Armenian detainees as a gesture towards lasting peace."))
                .contains("prisoners")
                .doesNotContain("peace-process");
        assertThat(topics(
                        "Statement on Armenia and Azerbaijan",
                        "We urge Armenia and Azerbaijan to conclude a lasting peace. Violence on the border"
                                + " threatens lives."))
                .contains("peace-process");
    }

    @Test
    void aProvocationThatUnderminesThePeaceProcessIsNotThePeaceProcessThoughTheTitleNamesBothCountries() {
        // as bench/labels/set, border-en-33: the border fire is the subject, the peace only what it undermines
        assertThat(topics(
                        "Azerbaijani units opened fire on Armenian positions in Syunik",
                        "Azerbaijani units opened fire on Armenian positions near Sotk overnight. Such"
                                + " provocations undermine the peace process."))
                .contains("border")
                .doesNotContain("peace-process");
        assertThat(topics(
                        "Armenia and Azerbaijan",
                        "Provocations undermine trust. We urge both governments to return to the peace process."))
                .as("the peace process in a sentence of its own")
                .contains("peace-process");
    }

    @Test
    void whatAPeaceDealOmitsIsNeitherThePrisonersNorTheRightOfReturn() {
        // as bench/labels/set, peace-process-en-79: a critique of the treaty lists what it leaves out
        assertThat(topics(
                        "A treaty signed under pressure",
                        "We support a real peace between Armenia and Azerbaijan. The treaty initialled by Armenia and"
                                + " Azerbaijan leaves the fate of Armenian prisoners in Baku unresolved and says"
                                + " nothing of the right of return of the Armenians of Nagorno-Karabakh."))
                .contains("peace-process")
                .doesNotContain("prisoners", "humanitarian");
        assertThat(topics(
                        "Statement on Armenia and Nagorno-Karabakh",
                        "Azerbaijan must release the Armenian prisoners held in Baku. The refugees of"
                                + " Nagorno-Karabakh must have the right of return."))
                .as("each in a sentence of its own")
                .contains("prisoners", "humanitarian");
    }

    @Test
    void eachSideIsAPartyToThePeaceProcess() {
        // as bench/labels/set, peace-process-en-real-69: H. Res. 1196 names the parties only in its clauses
        assertThat(topics(
                        "H. Res. 1196: Calling for each side in Nagorno-Karabakh to return to the peace process",
                        "Calling for an end to escalating violence in the Nagorno-Karabakh enclave, for each side to"
                                + " return to the peace process.\n\nWhereas fighting began across the line of contact"
                                + " between Armenian and Azerbaijani forces;"))
                .contains("peace-process");
    }

    @Test
    void forcesPulledBackToTheirInitialPositionsHaveInitialledNothing() {
        // "initialled" was a word of the alias group "signing", and a word is stemmed: it found "initial"
        assertThat(topics(
                        "Statement on Azerbaijani troop movements",
                        "The United States is concerned by reports that Azerbaijani troops crossed several kilometers"
                                + " into Armenia's Syunik province. We call on Azerbaijan to pull its forces back to their"
                                + " initial positions."))
                .contains("border")
                .doesNotContain("peace-process");
        assertThat(topics(
                        "On the initialling of the agreement",
                        "We welcome the initialling of the agreement between Armenia and Azerbaijan."))
                .contains("peace-process");
        assertThat(topics(
                        "On the initialed agreement",
                        "Armenia and Azerbaijan initialed the agreement in Washington today."))
                .contains("peace-process");
    }

    @Test
    void aReadoutNamingOneOfTheTwoCountriesCanBeThePeaceOrTheBorder() {
        // as bench/labels/set, peace-process-en-real-116: a call with one leader, "the parties", no Azerbaijan
        assertThat(topics(
                        "Readout of the Secretary's call with Prime Minister Pashinyan",
                        "The Secretary spoke today with Armenian Prime Minister Pashinyan. He welcomed the progress"
                                + " between the parties on the delimitation of the border and urged them to conclude"
                                + " the peace agreement."))
                .contains("peace-process");
        assertThat(topics(
                        "Foreign Minister Mirzoyan visits Tokyo",
                        "Armenian Foreign Minister Mirzoyan visited Tokyo, where he signed a memorandum on"
                                + " investment. He briefed his Japanese counterpart on the peace process in the South"
                                + " Caucasus and on Armenia's reforms."))
                .as("one of the two countries and a third: a bilateral visit, not the peace")
                .doesNotContain("peace-process");
        assertThat(topics(
                        "Secretary Blinken's Call with Armenian Prime Minister Pashinyan",
                        "Secretary Blinken welcomed recent progress between the parties, including an agreement on"
                                + " a border delimitation regulation."))
                .as("the border commissions' work is the border too")
                .contains("peace-process", "border");
        assertThat(topics(
                        "Armenia and Georgia agree on border delimitation",
                        "The border commissions of Armenia and Georgia met in Tbilisi. The parties agreed to"
                                + " complete the delimitation of the remaining sections of the border."))
                .as("another neighbour's border")
                .doesNotContain("border", "peace-process");
        assertThat(topics(
                        "Statement of the Nominee to be Ambassador to the Republic of Armenia",
                        "The United States is working to help the sides achieve a peaceful, lasting, negotiated"
                                + " settlement of the conflict. If confirmed, I will support that goal."))
                .as("as bench/labels/set, peace-process-en-real-109")
                .contains("peace-process");
        assertThat(topics(
                        "Azerbaijan offers to host Sudan talks",
                        "Azerbaijan offered to host talks between the parties in Sudan. A political solution between"
                                + " the sides remains the only way out, Foreign Minister Bayramov said."))
                .as("one country and another conflict")
                .doesNotContain("peace-process");
        assertThat(
                        topics(
                                "President Biden's letter to President Aliyev",
                                "Now is a moment of hope to build lasting peace in the South Caucasus. The United States is"
                                        + " ready to help intensify diplomatic engagement between Azerbaijan and Armenia and to"
                                        + " help develop the connections that will enable the trans-Caspian region to prosper."))
                .as("\"trans-Caspian\" is a region, not the Caspian Sea's treaties")
                .contains("peace-process");
    }

    @Test
    void frenchAidGrantedToTheRefugeesIsNoAgreement() {
        // "accordé" (granted) shared the French stem of "l'accord", an alias of "the agreement"
        assertThat(topicsInFrench(
                        "Arménie – Aide humanitaire aux réfugiés du Haut-Karabakh",
                        "La France a accordé une aide humanitaire de 7 millions d'euros à l'Arménie pour les réfugiés"
                                + " du Haut-Karabakh. La France reste préoccupée par le sort des Arméniens contraints de"
                                + " quitter le Haut-Karabakh après l'offensive de l'Azerbaïdjan."))
                .contains("humanitarian")
                .doesNotContain("peace-process");
    }

    @Test
    void aViolatedCeasefireAgreementWithArmeniaIsNotThePeaceProcess() {
        // as bench/labels/set, border-neg-en-real-21: Senator Kirk on the fighting of April 2016
        assertThat(topics(
                        "Senator on the violence in Nagorno-Karabakh",
                        "It is unacceptable for Azerbaijan to violate its ceasefire agreement with Armenia with a"
                                + " series of deliberate attacks."))
                .doesNotContain("peace-process");
        assertThat(topics(
                        "Senator on the violence in Nagorno-Karabakh",
                        "Armenia and Azerbaijan must respect the ceasefire agreement and return to the peace talks."))
                .as("the peace talks in the same sentence still count")
                .contains("peace-process");
    }

    @Test
    void resolvingTheConflictBetweenThemIsThePeace() {
        // as bench/labels/set, peace-process-en-real-87: a briefing answer with no other peace word
        assertThat(topics(
                        "Department Press Briefing – April 8, 2024",
                        "We have made very clear that the path forward for resolving the conflict between Armenia and"
                                + " Azerbaijan is ultimately at the bargaining table."))
                .contains("peace-process");
        assertThat(topics(
                        "Statement on Republic Day",
                        "Azerbaijan recalls the four Security Council resolutions on the conflict with Armenia."))
                .as("resolutions of the Security Council are not a resolution of the conflict")
                .doesNotContain("peace-process");
    }

    @Test
    void aTrilateralMeetingOfBothCountriesIsThePeaceProcess() {
        // as bench/labels/set, peace-process-en-real-59: a briefing answer with no other peace word
        assertThat(topics(
                        "Department Press Briefing",
                        "I say that in the aftermath of the Secretary's convening of the trilateral format of the"
                                + " ministers from both Armenia and Azerbaijan in New York City last month."))
                .contains("peace-process");
        assertThat(topicsInFrench(
                        "Point de presse",
                        "La France salue la tenue de la réunion trilatérale des ministres des affaires étrangères"
                                + " d'Arménie et d'Azerbaïdjan à Bruxelles."))
                .contains("peace-process");
        assertThat(topics(
                        "Trilateral summit in Tbilisi",
                        "The presidents of Azerbaijan, Georgia and Türkiye held their trilateral summit in Tbilisi on"
                                + " energy and rail links. Armenia was not represented."))
                .as("a trilateral of Azerbaijan with third states is not theirs")
                .doesNotContain("peace-process");
    }

    @Test
    void aStatementFoundWithoutItsTitleWhenItCallsForTheMinskGroupOrMutualRespect() {
        // as bench/labels/set, border-en-real-23 and peace-process-en-real-40 without their titles, the way a
        // feed of briefings titles every one "Department Press Briefing – <date>"
        assertThat(topics(
                        "",
                        "I am deeply concerned by recent reports that Azerbaijani troops have reportedly crossed into"
                                + " Armenian territory. I have been in communication with the Biden administration and"
                                + " urged them to engage more deeply through the Minsk Group, now more important than"
                                + " ever."))
                .contains("peace-process");
        assertThat(topics(
                        "",
                        "For more than 35 years, Armenia and Azerbaijan have fought a bitter conflict. The countries of"
                                + " Armenia and Azerbaijan are committing to stop all fighting forever and respect each"
                                + " other's sovereignty and territorial integrity."))
                .contains("peace-process");
    }

    @Test
    void detaineesOrADelimitationNamedOnlyAsAnItemOfAListAreNotTheirTopics() {
        // as bench/labels/set, peace-process-en-real-155: the Secretary's call with President Aliyev, May 2022
        assertThat(topics(
                        "Secretary Blinken's Call with Azerbaijani President Aliyev",
                        "The Secretary and President Aliyev discussed recent positive momentum and future concrete"
                                + " steps on the path to peace in the South Caucasus, including border delimitation and"
                                + " demarcation, opening transport and communication links, and the release of the"
                                + " remaining Armenian detainees. Secretary Blinken reiterated the United States stands"
                                + " ready to help by engaging bilaterally and with like-minded partners, including"
                                + " through our role as an OSCE Minsk Group Co-Chair, to help the countries find a"
                                + " long-term comprehensive peace."))
                .contains("peace-process")
                .doesNotContain("prisoners", "border");
        assertThat(topics(
                        "",
                        "Azerbaijan must release all Armenian prisoners of war, including soldiers captured in 2020,"
                                + " civilians seized near the border and the former leaders of Nagorno-Karabakh."))
                .as("the prisoners stand before the list: its items say who they are")
                .contains("prisoners");
    }

    @Test
    void aTitleThatNamesNagornoKarabakhPlacesTheHumanitarianSituationItsBodySpeaksOf() {
        // as bench/labels/set, peace-process-en-real-157: Ambassador Gilmore to the OSCE in November 2020, whose
        // title names Nagorno Karabakh and whose paragraph on the dire humanitarian situation names no place
        String title = "Statement on the Situation in and around Nagorno Karabakh";
        String body = "The United States encourages the sides to work with the Minsk Group Co-Chairs to resolve the"
                + " outstanding issues. Lasting peace cannot be achieved through military means.\n\nAlthough the"
                + " fighting has stopped, the humanitarian situation on the ground remains dire, and is becoming more"
                + " acute as winter approaches. The United States will contribute over five million U.S. dollars to"
                + " humanitarian organizations.";
        assertThat(topics(title, body)).contains("humanitarian");
        assertThat(topics("Statement to the Permanent Council", body))
                .as("a title that does not name the place leaves it unplaced")
                .doesNotContain("humanitarian");
        assertThat(topics(
                        title,
                        "The Co-Chairs urge the sides to resume negotiations. They discussed the next steps, including"
                                + " confidence-building measures, humanitarian aid and demining."))
                .as("humanitarian aid only as an item of a list")
                .doesNotContain("humanitarian");
    }

    @Test
    void aTitleThatNamesNagornoKarabakhPlacesTheDetaineesTheSidesAreToExchange() {
        // as bench/labels/set, peace-process-en-real-157: the statement names "the sides", never Armenia or
        // Azerbaijan, and urges the exchange of detainees in a sentence of its own
        String body = "Thank you, Mr. Chairman. We urge the sides to work with the International Committee of the Red"
                + " Cross to facilitate the exchange of detainees and the return of remains.";
        assertThat(topics("Statement on the Situation in and around Nagorno Karabakh", body))
                .contains("prisoners");
        assertThat(topics("Statement to the Permanent Council", body))
                .as("no title to place them")
                .doesNotContain("prisoners");
        assertThat(topics(
                        "Statement on Nagorno-Karabakh",
                        "We urge the sides to resume talks on the remaining issues, including the exchange of"
                                + " detainees, demining and transport links."))
                .as("the detainees only as an item of a list")
                .doesNotContain("prisoners");
    }

    @Test
    void theMinskGroupInTheLeadNamesTheConflictItMediates() {
        // as bench/labels/set, peace-process-en-real-153 without its title: Ambassador Tracy's interview, whose
        // first two sentences name the Minsk Group and no country (Nagorno-Karabakh comes in the fourth)
        assertThat(topics(
                        "",
                        "We have said that we are ready to use the Minsk Group as a platform. That offer remains open."
                                + " We have not seen our Russian colleagues responding to that offer.\n\nWe certainly"
                                + " continue to the see the Minsk Group as a forum, a platform that has an international"
                                + " mandate to address the situation of Nagorno-Karabakh. We will continue to look for"
                                + " ways to use that forum. We will also work bilaterally with the parties in the"
                                + " region."))
                .contains("peace-process");
        assertThat(
                        topics(
                                "",
                                "Les coprésidents du Groupe de Minsk se sont réunis à Paris. Ils ont appelé les parties à"
                                        + " reprendre les négociations. Ils se rendront à Bakou et à Erevan avant la fin du mois."))
                .contains("peace-process");
        assertThat(topics(
                        "",
                        "The OSCE Ministerial Council closed in Vienna today. Ministers thanked the field missions and"
                                + " the Secretariat for their work this year. The Council adopted the unified budget. In"
                                + " the margins, the ministers of Armenia and Azerbaijan signed a customs memorandum with"
                                + " Georgia."))
                .as("a lead without the Minsk Group or a country of the conflict still does not count")
                .doesNotContain("peace-process");
    }

    @Test
    void aPeaceSettlementIsASettlementAndAPeacefulLeadIsNotAThirdStatesReadout() {
        // as bench/labels/set, peace-process-en-real-93: Secretary Clinton in Yerevan, 2010
        assertThat(topics(
                        "Joint Press Availability With Armenian Foreign Minister Eduard Nalbandyan",
                        "As I said earlier today in Baku, the United States remains committed to a peaceful resolution"
                                + " based on the Helsinki Principles. President Obama reaffirmed this commitment after a"
                                + " recent G8 summit in Canada.\n\nWe stand ready to help both Armenia and Azerbaijan"
                                + " achieve and implement a peace settlement."))
                .contains("peace-process");
        assertThat(topics(
                        "Readout of the Secretary's Meeting With the Foreign Minister of Canada",
                        "The Secretary met the Foreign Minister of Canada in Ottawa to discuss trade, Arctic security"
                                + " and the South Caucasus. They also discussed Ukraine. The Secretary welcomed the"
                                + " peace treaty between Armenia and Azerbaijan."))
                .as("a third state's readout with no word of peace in its lead still does not count")
                .doesNotContain("peace-process");
    }

    @Test
    void oneLineOnTheTalksFurtherDownAStatementOnSomethingElseIsNotThePeaceProcess() {
        // probes, not labelled statements: readouts and statements on other subjects that name the talks in
        // one later sentence; the development half's cases of this kind name third states the query lists
        assertThat(topics(
                        "Foreign Minister Mirzoyan meets Belgian counterpart",
                        "Foreign Minister Ararat Mirzoyan met the Deputy Prime Minister and Foreign Minister of"
                                + " Belgium in Brussels. The ministers discussed the visa liberalisation dialogue,"
                                + " cooperation in higher education and Belgian investment in Armenia's energy sector."
                                + " Mirzoyan also informed his counterpart about the peace process with Azerbaijan."))
                .doesNotContain("peace-process");
        assertThat(topics(
                        "Armenia's Security Council Secretary visits Brussels",
                        "Security Council Secretary Armen Grigoryan held consultations at NATO headquarters and with"
                                + " the EU's Political and Security Committee on defence reform and cyber threats. He"
                                + " briefed his interlocutors on the regional situation, including the negotiations"
                                + " with Azerbaijan."))
                .as("the talks as one item of a list in the second sentence")
                .doesNotContain("peace-process");
        assertThat(topicsInFrench(
                        "Arménie – Budget de l'État",
                        "Le gouvernement arménien a adopté le projet de budget de l'État pour l'année prochaine. Les"
                                + " dépenses d'éducation et de santé augmentent nettement. Le ministre des finances a"
                                + " indiqué que le budget suppose la poursuite du processus de paix avec"
                                + " l'Azerbaïdjan."))
                .doesNotContain("peace-process");
        assertThat(topics(
                        "Readout of the Deputy Secretary's meeting with Armenian Foreign Minister",
                        "The Deputy Secretary met Foreign Minister Mirzoyan in Washington. They discussed the final"
                                + " steps toward signing the agreement on peace and interstate relations with"
                                + " Azerbaijan and the launch of the transit route through Syunik."))
                .as("the talks in the second sentence, what the meeting was about")
                .contains("peace-process");
        assertThat(topics(
                        "State Department on prisoner release and peace",
                        "We welcome Azerbaijan's release of four Armenian detainees. We urge both countries to build"
                                + " on this step and to reach a comprehensive peace agreement without delay."))
                .as("a sentence of its own that calls for the peace")
                .contains("peace-process");
    }

    @Test
    void earlierLeadersAndAdvisersCountForTheirCountry() {
        assertThat(topics(
                        "Remarks to the Press After Meeting With the Presidents",
                        "I had good meetings with President Sargsian and President Aliyev. Both told me they want"
                                + " to move forward. The co-chairs will present updated proposals at the next"
                                + " meeting."))
                .contains("peace-process");
        // as bench/labels/set, peace-process-en-37
        assertThat(topics(
                        "Secretary of the Security Council meets his Azerbaijani counterpart",
                        "Secretary of the Security Council Armen Grigoryan met Hikmet Hajiyev, Assistant to the"
                                + " President of Azerbaijan, at the border between the two countries. They discussed"
                                + " the opening of regional communications, the work of the border commissions and"
                                + " the next steps in the process. The parties agreed to meet again in a month."))
                .contains("peace-process");
        assertThat(topics(
                        "Kocharyan trial resumes in Yerevan",
                        "The trial of former President Robert Kocharyan on charges related to the events of March"
                                + " 2008 resumed in Yerevan today. His lawyers asked the court to drop the case."))
                .as("a former leader alone is no peace")
                .doesNotContain("peace-process");
    }

    @Test
    void nagornoKarabakhWithTheMinskGroupNamesTheParties() {
        // as bench/labels/set, peace-process-en-real-107: Ambassador Mills, 2016, names neither state
        assertThat(topics(
                        "U.S. Ambassador on Nagorno-Karabakh",
                        "There can be no lasting military solution of Nagorno Karabakh.\n\nThe Minsk Group Co-Chairs"
                                + " have urged both sides to take steps to reduce the level of violence along the line"
                                + " of contact."))
                .contains("peace-process");
        assertThat(topics(
                        "U.S. Ambassador on Nagorno-Karabakh",
                        "There can be no lasting military solution of Nagorno Karabakh.\n\nThe co-chairs have urged"
                                + " both sides to resume talks."))
                .as("Nagorno-Karabakh with mere talks, no Minsk Group or negotiations, still names no party")
                .doesNotContain("peace-process");
    }

    @Test
    void politicalPrisonersBesidePowsIncludingArmeniansArePrisoners() {
        // as bench/labels/set, prisoners-en-real-24: the bicameral letter before COP29
        assertThat(topics(
                        "Bicameral letter to Secretary Blinken ahead of COP29",
                        "We urge the State Department to press for the immediate and unconditional release of all"
                                + " political prisoners, hostages and POWs, including ethnic Armenians, to enable a more"
                                + " conducive environment for successful diplomacy at COP29 in Azerbaijan."))
                .contains("prisoners");
        assertThat(topics(
                        "Statement on the crackdown in Azerbaijan",
                        "We urge Azerbaijan to release the journalists and political prisoners it holds as hostages"
                                + " of its quarrel with the West."))
                .as("Azerbaijan's own political prisoners and journalists are still not this topic")
                .doesNotContain("prisoners");
        assertThat(topics(
                        "Statement on human rights in Azerbaijan",
                        "The United States is concerned about the political prisoners imprisoned in Azerbaijan after"
                                + " unfair trials. Armenia was not discussed."))
                .as("political prisoners \"held in Baku\", with no POWs or hostages, are still not this topic")
                .doesNotContain("prisoners");
    }

    @Test
    void armeniansDetainedInAzerbaijanArePrisonersWhateverTheVerb() {
        assertThat(topics(
                        "Armenians still jailed in Baku",
                        "Twenty-three Armenians remain jailed in Baku, among them former leaders of Nagorno-Karabakh."))
                .contains("prisoners");
        assertThat(topics(
                        "On the release of two soldiers",
                        "We welcome the release of two Armenian soldiers by Azerbaijan today."))
                .contains("prisoners");
        assertThat(topicsInFrench(
                        "Des Arméniens condamnés à Bakou",
                        "Un tribunal de Bakou a condamné aujourd'hui quatre Arméniens à quinze ans de prison."))
                .as("a sentence in Baku of Armenians, in French")
                .contains("prisoners");
        assertThat(topicsInFrench(
                        "Les dirigeants de l'Artsakh",
                        "Vingt-trois Arméniens restent retenus en Azerbaïdjan, dont les anciens dirigeants du"
                                + " Haut-Karabakh."))
                .contains("prisoners");
    }

    @Test
    void azerbaijanisHeldByArmeniaOrJailedForSpyingAreNotPrisoners() {
        assertThat(topicsInFrench(
                        "Remise d'un soldat",
                        "Un soldat azerbaïdjanais détenu en Arménie a été libéré et remis à l'Azerbaïdjan par les"
                                + " autorités arméniennes."))
                .as("Azerbaijan's own soldier, held in Armenia")
                .doesNotContain("prisoners");
        assertThat(topicsInFrench(
                        "Espionnage",
                        "Un ingénieur azerbaïdjanais a été condamné à Bakou pour espionnage au profit des services"
                                + " arméniens."))
                .as("an Azerbaijani sentenced in Baku for spying for Armenia")
                .doesNotContain("prisoners");
        assertThat(topics(
                        "Activists sentenced",
                        "Two Azerbaijani activists were jailed in Baku for posts calling for peace with Armenian"
                                + " civil society."))
                .doesNotContain("prisoners");
        assertThat(topics(
                        "Return of remains",
                        "Azerbaijan returned the remains of four Armenian soldiers killed in 2020 to Armenia."))
                .as("remains are not prisoners")
                .doesNotContain("prisoners");
        assertThat(topics(
                        "Clash near Sotk",
                        "Azerbaijani units opened fire near Sotk and Armenian soldiers returned fire, the Ministry of"
                                + " Defence said."))
                .as("soldiers who return fire are not returned")
                .contains("border")
                .doesNotContain("prisoners");
        assertThat(topics(
                        "Statement",
                        "Azerbaijan returned four Armenian servicemen and two civilians through the Margara crossing"
                                + " today."))
                .as("soldiers Azerbaijan returned are")
                .contains("prisoners");
    }

    @Test
    void frenchCondemnsIsNoSentence() {
        // French stemming and accents make "condamne" (condemns) and "condamné" (sentenced) one word
        assertThat(topicsInFrench(
                        "Haut-Karabakh et Arménie",
                        "La France condamne l'incursion des forces azerbaïdjanaises sur le territoire souverain de"
                                + " l'Arménie."))
                .contains("border");
        assertThat(topicsInFrench(
                        "Caucase du Sud",
                        "La France condamne le recours à la force et appelle l'Arménie et l'Azerbaïdjan à reprendre"
                                + " sans délai les négociations de paix."))
                .contains("peace-process");
        assertThat(topicsInFrench(
                        "Déclarations", "La France condamne fermement les déclarations de Bakou visant les Arméniens."))
                .doesNotContain("prisoners");
        assertThat(topicsInFrench(
                        "Deux Arméniens condamnés",
                        "Un tribunal de Bakou a condamné deux Arméniens à dix ans de prison pour avoir franchi la"
                                + " frontière entre l'Arménie et l'Azerbaïdjan."))
                .as("a sentence still is the prisoners' story, not the border's")
                .doesNotContain("border")
                .contains("prisoners");
    }

    @Test
    void fireOnTheBorderInOtherWordsIsBorder() {
        assertThat(topics(
                        "Soldier killed",
                        "An Armenian soldier was killed by Azerbaijani sniper fire in Syunik this morning."))
                .contains("border");
        assertThat(topics(
                        "Drone strike",
                        "An Azerbaijani drone strike hit an Armenian army post in Gegharkunik, wounding two soldiers."))
                .contains("border");
        assertThat(topics(
                        "Positions",
                        "Azerbaijani forces still hold positions inside Armenia that they seized in 2022."))
                .contains("border");
        assertThat(topics(
                        "Exchange of fire",
                        "Armenian and Azerbaijani troops exchanged fire overnight; one soldier was wounded."))
                .contains("border");
        assertThat(topics("Encroachment", "Azerbaijani forces continue to encroach on Armenia's territory."))
                .contains("border");
        assertThat(topicsInFrench(
                        "Tirs",
                        "Les forces azerbaïdjanaises ont ouvert le feu sur des positions arméniennes dans la région de"
                                + " Syunik."))
                .contains("border");
        assertThat(topics("Mortar fire", "Azerbaijani mortar fire hit the Armenian village of Tegh overnight."))
                .as("a word the 1,000-term bound had left out")
                .contains("border");
        assertThat(topicsInFrench(
                        "Bombardements", "Des bombardements azerbaïdjanais ont visé la ville arménienne de Jermuk."))
                .contains("border");
        assertThat(topics(
                        "Ukraine",
                        "Armenia and Azerbaijan both condemned the Russian drone strikes that hit Kyiv overnight."))
                .as("another war")
                .doesNotContain("border");
        assertThat(topics(
                        "Central Asia",
                        "Like Armenia and Azerbaijan before them, Kyrgyzstan and Tajikistan traded shelling across"
                                + " their border."))
                .as("another border")
                .doesNotContain("border");
    }

    @Test
    void theGenocideOfTheArmeniansIsRemembranceInAnyWords() {
        assertThat(topics(
                        "Statement",
                        "Today we remember the genocide of the Armenians, whose victims numbered a million and a"
                                + " half."))
                .contains("genocide-remembrance");
        assertThat(topicsInFrench(
                        "24 avril",
                        "Nous honorons la mémoire des victimes du génocide perpétré contre les Arméniens par l'Empire"
                                + " ottoman."))
                .contains("genocide-remembrance");
        assertThat(topics("Remembrance", "We remember the Metz Yeghern and its victims."))
                .contains("genocide-remembrance");
        assertThat(topics(
                        "Artsakh",
                        "Azerbaijan's blockade of Artsakh amounts to a genocide against the Armenians who live"
                                + " there, and we remember its victims."))
                .as("the word as used of 2023 is not the remembrance of 1915")
                .doesNotContain("genocide-remembrance");
        assertThat(topics(
                        "Srebrenica",
                        "We remember the genocide at Srebrenica; Armenians and Bosnians both know such grief."))
                .as("another genocide")
                .doesNotContain("genocide-remembrance");
    }

    @Test
    void theReturnOfTheKarabakhArmeniansIsHumanitarian() {
        assertThat(topics(
                        "Return",
                        "We support the right of the Karabakh Armenians to return to their homes in safety and"
                                + " dignity."))
                .contains("humanitarian");
        assertThat(topics(
                        "Great Return",
                        "Azerbaijani families displaced from Aghdam in 1993 returned to new homes in the Karabakh"
                                + " region."))
                .as("Azerbaijan's own displaced")
                .doesNotContain("humanitarian");
    }

    @Test
    void theNegotiatingTableAndTheirDifferencesAreThePeace() {
        // as bench/labels/set, border-en-03: a call of its own on both sides to negotiate
        assertThat(topics(
                        "Violence on the Armenia-Azerbaijan Border",
                        "We are deeply concerned by reports of shelling along the international border between"
                                + " Armenia and Azerbaijan overnight. We call on both sides to cease hostilities and"
                                + " to resolve their differences at the negotiating table."))
                .contains("border", "peace-process");
        assertThat(topics(
                        "Department Press Briefing",
                        "On Armenia and Azerbaijan, we encourage the sides to keep talking and to bridge the"
                                + " remaining differences."))
                .contains("peace-process");
        assertThat(topics(
                        "Department Press Briefing",
                        "Armenia and Azerbaijan are close to a deal that would end decades of conflict."))
                .contains("peace-process");
        assertThat(topics(
                        "Central Asia",
                        "Kyrgyzstan and Tajikistan should resolve their differences at the negotiating table, as"
                                + " Armenia and Azerbaijan did."))
                .as("another conflict's table")
                .doesNotContain("peace-process");
    }

    @Test
    void anotherTreatyOrMissionOfOneOfThemIsNotThePeace() {
        assertThat(topics(
                        "Armenia and the CSTO",
                        "Armenia froze its participation in the Collective Security Treaty Organization, saying it"
                                + " failed to defend Armenia against Azerbaijan."))
                .doesNotContain("peace-process");
        assertThat(topics(
                        "Armenia joins the Rome Statute",
                        "Armenia's accession to the Rome Statute treaty took effect today. Azerbaijan has protested"
                                + " the move."))
                .doesNotContain("peace-process");
        assertThat(topics(
                        "Peacekeepers",
                        "The last Russian peacekeepers left Karabakh today, ending a mission agreed in the November"
                                + " 2020 statement signed by Armenia, Azerbaijan and Russia."))
                .doesNotContain("peace-process");
        assertThat(topics(
                        "Caspian",
                        "Azerbaijan and Kazakhstan signed an agreement on the delimitation of the Caspian seabed;"
                                + " Armenia was not a party."))
                .doesNotContain("peace-process");
        // the words of bench/labels/set, peace-process-neg-fr-25
        assertThat(topicsInFrench(
                        "Arménie-Union européenne : premier dialogue sur la sécurité",
                        "L'Arménie et l'Union européenne ont tenu à Erevan leur premier dialogue sur la sécurité et"
                                + " la défense. L'Union européenne négocie de son côté un nouvel accord avec"
                                + " l'Azerbaïdjan."))
                .as("someone else's new agreement with one party")
                .doesNotContain("peace-process");
        assertThat(topicsInFrench(
                        "Caucase du Sud",
                        "La France appelle l'Azerbaïdjan à ne pas conditionner l'accord à une révision de la"
                                + " Constitution arménienne."))
                .as("the agreement, with one party, still counts")
                .contains("peace-process");
        assertThat(topics(
                        "Peace treaty",
                        "Armenia and Azerbaijan initialled the peace treaty today. Armenia left the Collective"
                                + " Security Treaty Organization last year."))
                .as("the other treaty leaves out its own sentence only")
                .contains("peace-process");
    }

    @Test
    void artsakhsFormerLeadersHeldInBakuArePrisonersByName() {
        assertThat(topics(
                        "Statement",
                        "Ruben Vardanyan has now spent two years in a Baku prison; his family has not been allowed"
                                + " to see him."))
                .contains("prisoners");
        assertThat(topicsInFrench(
                        "Prisonniers",
                        "Azerbaïdjan : la France demande la libération de l'ancien ministre d'État de l'Artsakh,"
                                + " Ruben Vardanyan."))
                .contains("prisoners");
        assertThat(topics(
                        "Statement",
                        "We urge Azerbaijan to free the former leaders of Nagorno-Karabakh it has held since 2023."))
                .contains("prisoners");
        assertThat(topicsInFrench(
                        "Déclaration", "Ruben Vardanyan a entamé une grève de la faim dans sa cellule à Bakou."))
                .contains("prisoners");
        assertThat(topics("Statement", "Ruben Vardanyan spent his birthday alone in a cell in Baku."))
                .contains("prisoners");
        assertThat(topics(
                        "Blockade",
                        "Artsakh State Minister Ruben Vardanyan said food and medicine are running out as Azerbaijan"
                                + " keeps the Lachin corridor closed."))
                .as("the state minister before his arrest")
                .doesNotContain("prisoners");
        assertThat(topics(
                        "Elections in Armenia",
                        "Former Artsakh leaders Arayik Harutyunyan and Bako Sahakyan were free to campaign in Yerevan"
                                + " in 2021, before Azerbaijan's offensive."))
                .doesNotContain("prisoners");
    }

    @Test
    void aFigurativeHostageIsNoPrisoner() {
        assertThat(topics(
                        "Peace talks",
                        "Baku is holding the peace treaty hostage to its demand that Armenia change its"
                                + " constitution."))
                .doesNotContain("prisoners");
        assertThat(topics(
                        "Heritage",
                        "Azerbaijan holds Armenian churches and cemeteries in Nagorno-Karabakh hostage to its"
                                + " narrative, erasing them one by one."))
                .doesNotContain("prisoners");
        assertThat(topics(
                        "Hostages",
                        "Azerbaijan must release the Armenian hostages it took in Nagorno-Karabakh in September."))
                .contains("prisoners");
    }

    @Test
    void prisonersInAListOfWrongsThatKilledAndDisplacedAreItsBackground() {
        // as bench/labels/set, humanitarian-en-real-33: a letter on the blockade recalls the 2020 war
        assertThat(topics(
                        "Letter on the Lachin corridor",
                        "These latest actions are the latest in two years of aggression against the people of"
                                + " Armenia and Artsakh, since Azerbaijan's September 2020 attacks when they killed"
                                + " thousands of Armenian civilians, displaced tens of thousands more, and illegally"
                                + " detained prisoners of war."))
                .doesNotContain("prisoners");
        assertThat(topics(
                        "Detained at the bridge",
                        "Among the displaced who fled Nagorno-Karabakh in 2023, dozens of Armenian men were"
                                + " detained by Azerbaijani forces at the Hakari bridge checkpoint."))
                .as("the displaced without a list of killings: the detention is the news")
                .contains("prisoners");
    }

    @Test
    void azerbaijansOwnHostagesOf1992AndItsOwnSpiesAreNotThePrisoners() {
        // negative probes: Khojaly's civilians "taken hostage by Armenian forces"; spying by another name
        assertThat(topics(
                        "Statement on the anniversary",
                        "Azerbaijan's Foreign Ministry marked the anniversary of Khojaly, where it says hundreds of"
                                + " civilians were killed and taken hostage by Armenian forces in 1992."))
                .doesNotContain("prisoners");
        assertThat(topics(
                        "Court ruling in Baku",
                        "A court in Baku sentenced an Azerbaijani citizen to twelve years for passing information"
                                + " to Armenian intelligence."))
                .doesNotContain("prisoners");
        assertThat(topics(
                        "Baku trial",
                        "Armenians detained in Baku since 2023 are charged with crimes they say they never"
                                + " committed, including the events in Khojaly in 1992."))
                .as("Armenians held in Baku, whatever they are charged with")
                .contains("prisoners");
        assertThat(topics(
                        "Detained near the border",
                        "Azerbaijan has detained three Armenian civilians near the border and accused them of"
                                + " working for Armenian intelligence."))
                .contains("prisoners");
    }

    @Test
    void theTreatysArticlesInterstateClaimsAndTransportLinksAreThePeace() {
        assertThat(topics(
                        "Press briefing",
                        "Yerevan and Baku have agreed on 15 of the 17 articles, and the two remaining ones concern"
                                + " the interstate claims."))
                .contains("peace-process");
        assertThat(topicsInFrench("Caucase du Sud", "L'Arménie a proposé à l'Azerbaïdjan un pacte de non-agression."))
                .contains("peace-process");
        assertThat(topics(
                        "South Caucasus",
                        "The United States supports the opening of transport and trade routes through Armenia and"
                                + " Azerbaijan, which would bring both countries prosperity."))
                .contains("peace-process");
        assertThat(topics(
                        "EU investment in Armenia",
                        "The EU will fund new transport links in Armenia's north under the Global Gateway. Azerbaijan"
                                + " received similar funds last year."))
                .as("transport links of one country")
                .doesNotContain("peace-process");
        assertThat(topics(
                        "Statement",
                        "The border commissions of Armenia and Azerbaijan agreed on the regulations for their joint"
                                + " work."))
                .as("the commissions' work is a step of normalisation too")
                .contains("border", "peace-process");
        assertThat(topics(
                        "Russia–Azerbaijan",
                        "The Azerbaijan–Russia border commission met in Baku to settle the last sections of their"
                                + " common border; Armenia followed closely."))
                .as("another border's commission")
                .doesNotContain("peace-process");
    }

    @Test
    void mediationRapprochementAndMutualRecognitionAreThePeace() {
        assertThat(topics(
                        "Special Representative",
                        "The EU Special Representative will continue to mediate between Baku and Yerevan on the"
                                + " outstanding points."))
                .contains("peace-process");
        assertThat(topicsInFrench(
                        "Caucase du Sud", "La France salue le rapprochement entre l'Arménie et l'Azerbaïdjan."))
                .contains("peace-process");
        assertThat(topicsInFrench(
                        "Caucase du Sud",
                        "L'Arménie et l'Azerbaïdjan ont reconnu mutuellement leur intégrité territoriale."))
                .contains("peace-process");
        assertThat(topics(
                        "South Caucasus",
                        "The United States encourages further confidence-building measures between Armenia and"
                                + " Azerbaijan and supports a negotiated end to the conflict."))
                .contains("peace-process");
        assertThat(topics(
                        "White House summit",
                        "The President hosted the leaders of Armenia and Azerbaijan at the White House on Friday."))
                .contains("peace-process");
        assertThat(topics(
                        "Readout",
                        "Secretary Rubio spoke with Armenian Foreign Minister Mirzoyan about the next steps toward"
                                + " finalizing the text with Azerbaijan."))
                .contains("peace-process");
        // the words of bench/labels/set, prisoners-en-12
        assertThat(topics(
                        "Five Armenian servicemen returned home",
                        "Five Armenian servicemen captured by Azerbaijan during the 44-day war were repatriated to"
                                + " Armenia today through the mediation of the ICRC."))
                .as("a repatriation through a mediation is the prisoners' story")
                .contains("prisoners")
                .doesNotContain("peace-process");
        assertThat(topics(
                        "Shelling near Jermuk",
                        "Azerbaijani artillery shelled Jermuk overnight. The 2020 ceasefire, brokered through Russian"
                                + " mediation, put an end to the conflict between Armenia and Azerbaijan, but not to"
                                + " the killing on the border."))
                .as("the war's end recalled as background")
                .contains("border")
                .doesNotContain("peace-process");
        assertThat(topics(
                        "Armenia and the EU",
                        "Armenia's rapprochement with Europe has been met with hostility from Azerbaijan and Russia."))
                .as("a rapprochement with someone else")
                .doesNotContain("peace-process");
        assertThat(topics(
                        "COP29",
                        "Baku hosted COP29 in November; Armenia's delegation attended, and Azerbaijan praised the"
                                + " gesture."))
                .as("hosting something else")
                .doesNotContain("peace-process");
    }

    @Test
    void aResolutionsWhereasClauseIsItsBackground() {
        // the words of H. Res. 240 (bench/labels/set, prisoners-en-real-10)
        assertThat(topics(
                        "H. Res. 240: Calling on Azerbaijan to immediately release all prisoners of war",
                        "Whereas, on November 9, 2020, Azerbaijan, Armenia, and Russia signed a tripartite statement"
                                + " to end the conflict;\n\nResolved, That the House of Representatives calls on"
                                + " Azerbaijan to immediately release all Armenian prisoners of war."))
                .contains("prisoners")
                .doesNotContain("peace-process");
    }

    @Test
    void aidToTheRefugeesWithTheCourseOfPeaceInAClauseIsNotThePeaceProcess() {
        assertThat(topics(
                        "New assistance for refugees from Nagorno-Karabakh",
                        "The United States is providing $5 million in humanitarian assistance for refugees from"
                                + " Nagorno-Karabakh in Armenia. Our assistance to the people displaced from"
                                + " Nagorno-Karabakh has exceeded $32 million. This support helps families rebuild"
                                + " their lives as Armenia and Azerbaijan work toward a lasting peace."))
                .contains("humanitarian")
                .doesNotContain("peace-process");
        assertThat(topics(
                        "Aid to refugees and the peace talks",
                        "We call on Armenia and Azerbaijan to conclude the peace talks. A lasting peace must let"
                                + " the refugees from Nagorno-Karabakh return."))
                .as("the peace in its first sentence and in two")
                .contains("peace-process");
        assertThat(topics(
                        "Statement on the Lachin corridor",
                        "Azerbaijan should reopen the Lachin corridor and return to the peace talks."))
                .as("the corridor counts for the Armenian side, as the topic's description says")
                .contains("peace-process");
    }

    @Test
    void aReturnToThePeaceProcessIsNotAReturnToNagornoKarabakh() {
        // as bench/labels/set, peace-process-en-real-69: H. Res. 1196, not the right of return
        assertThat(topics(
                        "H. Res. 1196: Calling for an end to escalating violence",
                        "Calling for an end to escalating violence in the Nagorno-Karabakh enclave, for each side to"
                                + " return to the peace process.\n\nWhereas fighting began between Armenian and"
                                + " Azerbaijani forces;"))
                .doesNotContain("humanitarian");
        assertThat(topics(
                        "Statement on the Armenians of Nagorno-Karabakh",
                        "The Armenians who fled Nagorno-Karabakh must be able to return to their homes in safety."))
                .contains("humanitarian");
    }

    @Test
    void aSpeechOnSection907ThatRecallsTheBlockadeIsNotHumanitarian() {
        // as bench/labels/set, section-907-en-real-11: Senator Peters on the Armenian Protection Act
        assertThat(topics(
                        "Armenian Protection Act of 2023",
                        "Mr. President, I will ask unanimous consent for passage of the Armenian Protection Act."
                                + " Section 907 of the Freedom Support Act kept Azerbaijan from receiving military"
                                + " assistance. The Azerbaijani Government could not engage in offensive attacks. Their"
                                + " recent actions in Nagorno-Karabakh have failed this standard. Not only did they"
                                + " blockade the Lachin corridor for 10 months, they also attacked innocent Armenians"
                                + " and forced the dissolution of the Government of Nagorno-Karabakh."))
                .contains("section-907")
                .doesNotContain("humanitarian");
        assertThat(topics(
                        "Congressman on the Armenians of Nagorno-Karabakh",
                        "Section 907 must be enforced. Azerbaijan's blockade of the Lachin corridor has cut off food"
                                + " and medicine to the Armenians of Nagorno-Karabakh. The blockade must end."))
                .as("about the blockade: two sentences of the body")
                .contains("humanitarian");
    }

    @Test
    void theBlockadeOfArmeniaByTurkeyIsNotTheBlockadeOfNagornoKarabakh() {
        // as bench/labels/set, peace-process-en-real-71: Congressman Schiff in 2006
        assertThat(topics(
                        "A Time of Hope for Nagorno-Karabagh",
                        "The Armenian and Azeri leaders have been negotiating for years. Armenia and Nagorno-Karabagh"
                                + " have been subjected to a cruel and illegal blockade by Turkey and Azerbaijan."))
                .doesNotContain("humanitarian");
        assertThat(topics(
                        "Statement on Nagorno-Karabakh",
                        "Azerbaijan's blockade of the Lachin corridor has cut Nagorno-Karabakh off from food and"
                                + " medicine."))
                .contains("humanitarian");
    }

    @Test
    void lachinCorridorIsHumanitarian() {
        assertThat(
                        topics(
                                "Readout",
                                "We called for the reopening of the Lachin corridor to restore humanitarian access to Nagorno-Karabakh."))
                .contains("humanitarian");
    }

    @Test
    void theMinskCoChairsBesideThePeaceAreThePeaceProcess() {
        // as bench/labels/set, peace-process-en-real-130: Secretary Clinton in Baku, 2012
        assertThat(topics(
                        "Secretary Clinton at a joint press conference with Azerbaijani Foreign Minister Mammadyarov",
                        "There's no military solution to this conflict. We mourn the senseless deaths of Azerbaijani"
                                + " and Armenian alike. We should honor their deaths by recommitting ourselves to"
                                + " peace. There will be a meeting in two weeks between the two foreign ministers who"
                                + " will meet with the Minsk co-chairs."))
                .contains("peace-process");
        assertThat(topics(
                        "Armenian detainees in Baku",
                        "We call on Azerbaijan to release the Armenian detainees still held in Baku without delay."
                                + " Representatives of the Minsk Group co-chair countries raised their cases with the"
                                + " authorities last week."))
                .as("the Minsk Group as a channel for the detainees, no word of peace")
                .contains("prisoners")
                .doesNotContain("peace-process");
        // as bench/labels/set, prisoners-en-real-10: H. Res. 240
        assertThat(topics(
                        "H. Res. 240",
                        "The House calls upon Azerbaijan to immediately return all Armenian prisoners of war; urges the"
                                + " Secretary of State to engage with Azerbaijani authorities, including through the"
                                + " OSCE Minsk Group process, to make clear the importance of peace and of releasing"
                                + " all prisoners of war."))
                .doesNotContain("peace-process");
    }

    @Test
    void aMeetingHeldInBakuHoldsNoPrisoner() {
        assertThat(topics(
                        "Armenia and Azerbaijan border commissions meet",
                        "The delimitation commissions of Armenia and Azerbaijan agreed today on the regulation of their"
                                + " joint work. The next meeting will be held in Baku."))
                .doesNotContain("prisoners");
        assertThat(topics(
                        "Azerbaijan prepares for COP29",
                        "COP29 will be held in Baku in November, the Azerbaijani government said, and Armenia has been"
                                + " invited to send a delegation."))
                .doesNotContain("prisoners");
        assertThat(topics(
                        "Families of the captives in Brussels",
                        "At a meeting held in Brussels, the families of Armenians held in Baku asked the European"
                                + " Union for help."))
                .as("the meeting is elsewhere; the Armenians are held in Baku")
                .contains("prisoners");
        assertThat(topics(
                        "Civilians rounded up",
                        "Armenian civilians were rounded up and held in Baku for months. Their families ask Azerbaijan"
                                + " to account for every one of them."))
                .as("\"rounded\" is no round of talks")
                .contains("prisoners");
    }

    @Test
    void aListOfPeaceStepsThatNamesTheBordersIsNotTheBorder() {
        // as bench/labels/set, peace-process-en-real-126: Ambassador Carpenter to Foreign Minister Bayramov
        assertThat(topics(
                        "Response to the Address by the Foreign Minister of Azerbaijan",
                        "Doing the hard work now to reach a durable and sustainable peace agreement, normalize"
                                + " relations, delineate and demarcate borders, open transport and communication links,"
                                + " and ensure the rights and security of all persons in the Nagorno Karabakh region"
                                + " will bring great dividends to Azerbaijan, to Armenia, and to the wider region."))
                .contains("peace-process")
                .doesNotContain("border");
        assertThat(topics(
                        "Azerbaijani troops cross into Armenia",
                        "Azerbaijani troops crossed the border into Armenia near Jermuk overnight and cut the road and"
                                + " communication links of three Armenian villages."))
                .contains("border");
    }

    @Test
    void gasAndElectricityForNagornoKarabakhIsHumanitarianDisplacedAzerbaijanisAreNot() {
        // as bench/labels/set, peace-process-en-real-126 and -136
        assertThat(topics(
                        "Winter in Nagorno-Karabakh",
                        "Gas and electricity supplies to Nagorno-Karabakh have been cut for three weeks, and families in"
                                + " Stepanakert heat their homes with wood. We urge Azerbaijan to restore them and let"
                                + " Armenia send fuel."))
                .contains("humanitarian");
        assertThat(topics(
                        "Highlighting Recent Developments in the Armenian-Azerbaijan Conflict",
                        "Mr. Speaker, as a result of the Armenia-Azerbaijan conflict, Armenian forces occupy the"
                                + " mountainous region of Nagorno Karabagh, as well as seven additional regions,"
                                + " resulting in a million refugees and internally displaced Azerbaijanis."))
                .doesNotContain("humanitarian");
        assertThat(topics(
                        "On the displaced Armenians of Nagorno-Karabakh",
                        "More than 100,000 ethnic Armenians fled Nagorno-Karabakh in September and now live in"
                                + " Armenia. We call for their safe and dignified right of return. Like the displaced"
                                + " Azerbaijanis of the 1990s, they must not be forgotten."))
                .contains("humanitarian");
    }

    @Test
    void aLeadersTitleDoesNotPushTheOtherCountryOutOfReach() {
        // as bench/labels/set, peace-process-fr-47: "le Président … Aliev et le Premier ministre … Pachinian"
        assertThat(topics(
                        "Sommet de la Communauté politique européenne : entretiens du Président",
                        "Le Président de la République s'est entretenu avec le Président Ilham Aliev et le Premier"
                                + " ministre Nikol Pachinian. Ils ont évoqué les questions encore ouvertes."))
                .contains("peace-process");
        assertThat(topics(
                        "Readout of the President's meetings in Copenhagen",
                        "The President met with President Ilham Aliyev and Prime Minister Nikol Pashinyan. They"
                                + " reviewed the open questions in the talks."))
                .contains("peace-process");
        // as peace-process-en-91
        assertThat(topics(
                        "Comment on the final closure of the OSCE Minsk structures",
                        "A chapter of our history is closed. The settlement between Azerbaijan and Armenia is now a"
                                + " matter for the two states alone."))
                .contains("peace-process");
        assertThat(topics(
                        "Foreign Minister visits Baku for energy talks",
                        "The Foreign Minister met with President Ilham Aliyev in Baku to discuss gas exports to"
                                + " Europe. Earlier in the week she visited Georgia and Kazakhstan."))
                .doesNotContain("peace-process");
    }

    @Test
    void captivesReturnedAtTheBorderAreThePrisonersStoryNotTheBorder() {
        // as bench/labels/set, prisoners-neg-en-86
        assertThat(topics(
                        "Two Azerbaijani servicemen returned home",
                        "Two servicemen of the Azerbaijani army who had been held in Armenia since April were returned"
                                + " today on the border in the Gazakh district, through the mediation of the United"
                                + " States."))
                .doesNotContain("border");
        assertThat(topics(
                        "Deux soldats rapatriés",
                        "Deux soldats arméniens capturés en 2022 ont été remis à l'Arménie ce matin à la frontière,"
                                + " près de Margahovit, avec l'Azerbaïdjan."))
                .doesNotContain("border");
        assertThat(topics(
                        "Fire on the border",
                        "Azerbaijani units opened fire on the border near Tegh in Syunik province, and Armenian units"
                                + " returned fire. Armenia and Azerbaijan each blamed the other."))
                .contains("border");
        // the passive ("were returned") was already the prisoners' story; the active was a border match
        assertThat(topics(
                        "Armenian servicemen returned",
                        "Azerbaijan returned four Armenian servicemen today on the border near Ijevan, with the"
                                + " mediation of the ICRC."))
                .doesNotContain("border");
        // returning fire on the border is still the border
        assertThat(topics(
                        "Fire near Sotk",
                        "Azerbaijani units opened fire on Armenian servicemen on the border near Sotk overnight, and"
                                + " the Armenian side returned fire, the Defence Ministry of Armenia said."))
                .contains("border");
    }

    @Test
    void aWithdrawalAsATermOfTheSettlementIsThePeaceNotTheBorder() {
        // as bench/labels/set, peace-process-en-87 and peace-process-fr-43
        assertThat(topics(
                        "Congressman introduces resolution on a just and durable peace in the South Caucasus",
                        "Today I introduced a resolution expressing the sense of the House that any settlement between"
                                + " Armenia and Azerbaijan must guarantee Armenia's sovereignty and territorial integrity,"
                                + " provide for the withdrawal of Azerbaijani forces from Armenian territory and be"
                                + " reached through negotiation, not coercion."))
                .contains("peace-process")
                .doesNotContain("border");
        assertThat(topics(
                        "Traité de paix Arménie-Azerbaïdjan : des sénateurs appellent à la vigilance",
                        "Le groupe d'amitié France-Arménie du Sénat appelle le Gouvernement à veiller à ce que"
                                + " le traité de paix en cours de négociation entre Erevan et Bakou garantisse"
                                + " pleinement l'intégrité territoriale de l'Arménie et le retrait des troupes"
                                + " azerbaïdjanaises de son territoire."))
                .doesNotContain("border");
        // the occupation reported beside the agreement is still the border
        assertThat(topics(
                        "Occupation continues",
                        "Azerbaijani forces still occupy Armenian territory near Jermuk, despite the signing of the peace"
                                + " agreement in Washington."))
                .contains("border");
    }

    @Test
    void familiesWhoArrivedInArmeniaFromKarabakhAreHumanitarian() {
        // as bench/labels/set, humanitarian-en-74: no displacement word, but arrivals and their shelter
        assertThat(topics(
                        "UNICEF: 30,000 children from Karabakh need continued support",
                        "Almost 30,000 children arrived in Armenia with their families from the Karabakh region in"
                                + " September 2023. UNICEF calls for continued funding for these children, many of whom"
                                + " still live in temporary accommodation."))
                .contains("humanitarian");
        assertThat(topics(
                        "Delegation arrives for talks",
                        "The Azerbaijani delegation arrived in Armenia on Monday for the meeting of the border"
                                + " commissions. Talks on the Karabakh-era maps will continue on Tuesday."))
                .doesNotContain("humanitarian");
    }

    @Test
    void servicemembersReturnedToArmeniaFromCaptivityArePrisonersWithoutNamingTheHolder() {
        // as bench/labels/set, prisoners-en-real-27: a post that names no holder, only the return to Armenia
        assertThat(topics(
                        "Bureau welcomes return of servicemembers",
                        "We welcome the return to Armenia today of three Armenian servicemembers who were detained in"
                                + " May. We urge the release of all remaining detainees."))
                .contains("prisoners");
        // a return to Armenia of others detained elsewhere, or of soldiers from an exercise, is not
        assertThat(topics(
                        "Migrants return",
                        "Armenian citizens detained in Russia for visa violations returned to Armenia on Friday, the"
                                + " consulate said; the detainees had spent a week in a migration centre."))
                .doesNotContain("prisoners");
        assertThat(topics(
                        "Exercise ends",
                        "Armenian servicemembers who took part in the multinational exercise in Germany returned to"
                                + " Armenia on Monday; two were released from hospital after minor injuries."))
                .doesNotContain("prisoners");
    }

    @Test
    void remisEnCauseIsNoHandover() {
        // "remis" stood for a captive handed over; "remis en cause" (called into question) is not one
        assertThat(topics(
                        "Tracé frontalier contesté",
                        "Bakou a remis en cause le tracé de la frontière entre l'Arménie et l'Azerbaïdjan près du"
                                + " village de Tegh, où ses troupes ont creusé de nouvelles tranchées."))
                .contains("border");
        assertThat(topics(
                        "Bilan contesté",
                        "Bakou a remis en cause le bilan de dix soldats arméniens tués près de Jermuk annoncé par"
                                + " Erevan, et accuse l'Arménie de provocations."))
                .doesNotContain("prisoners");
        // a soldier handed over is still the prisoners' story, not the border's
        assertThat(topics(
                        "Remise des soldats",
                        "Les deux soldats arméniens capturés près de la frontière entre l'Arménie et l'Azerbaïdjan"
                                + " ont été remis à la partie arménienne au poste de Margara."))
                .contains("prisoners")
                .doesNotContain("border");
    }

    @Test
    void thePartiesOnThePathToPeaceArePeaceProcess() {
        // "path to" left out every sentence that said so, not only a step that serves the peace
        assertThat(topics(
                        "Statement on the talks",
                        "The United States welcomes the progress Armenia and Azerbaijan have made on the path towards"
                                + " a peace treaty."))
                .contains("peace-process");
        assertThat(topics(
                        "Path to peace",
                        "Armenia and Azerbaijan are on the path to a peace agreement, and the United States will"
                                + " support them in finalizing the remaining articles."))
                .contains("peace-process");
    }
}
