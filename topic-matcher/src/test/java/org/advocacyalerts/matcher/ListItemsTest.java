package org.advocacyalerts.matcher;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ListItemsTest {

    private static int[] ranges(String text) {
        return ListItems.ranges(text, SentenceBreaks.starts(text));
    }

    @Test
    void threeItemsAfterAnOpenerAreAList() {
        String text = "They discussed the steps towards peace, including border delimitation, transport links and"
                + " the release of the detainees. They will meet again.";
        int[] listed = ranges(text);
        assertThat(listed).hasSize(2);
        assertThat(text.substring(listed[0], listed[1]).trim())
                .isEqualTo("border delimitation, transport links and the release of the detainees.");
        assertThat(ListItems.listed(listed, text.indexOf("detainees"))).isTrue();
        assertThat(ListItems.listed(listed, text.indexOf("peace")))
                .as("before the opener")
                .isFalse();
        assertThat(ListItems.listed(listed, text.indexOf("meet")))
                .as("the next sentence")
                .isFalse();
    }

    @Test
    void oneOrTwoItemsAreNoList() {
        assertThat(ranges("Azerbaijan holds Armenian hostages, including Ruben Vardanyan, who is on hunger strike."))
                .isEmpty();
        assertThat(ranges("Release all prisoners, including ethnic Armenians and Azerbaijanis."))
                .isEmpty();
        assertThat(ranges("No opener here, though there are commas, ands and ors."))
                .isEmpty();
    }

    @Test
    void aSemicolonColonOrDashEndsTheListAndFrenchOpenersCount() {
        String text = "We raised several issues, including trade and energy; the detainees, the missing and the"
                + " displaced must come home.";
        assertThat(ranges(text)).as("two items before the semicolon").isEmpty();
        String french = "Ils ont évoqué la paix, notamment la délimitation, les transports et les détenus.";
        int[] listed = ranges(french);
        assertThat(ListItems.listed(listed, french.indexOf("détenus"))).isTrue();
        assertThat(ListItems.listed(
                        ranges("Les ministres, y compris ceux de Bakou, d'Erevan et de Tbilissi, ont signé."),
                        "Les ministres, y compris ceux de Bakou, d'Erevan et de Tbilissi, ont signé.".indexOf("signé")))
                .as("to the sentence's end: an approximation, the list has no closing mark")
                .isTrue();
    }
}
