package org.advocacyalerts.matcher;

import static org.assertj.core.api.Assertions.assertThat;

import org.apache.lucene.util.BytesRef;
import org.junit.jupiter.api.Test;

class TermIdsTest {

    private final TermIds ids = new TermIds();

    @Test
    void aTermIsNumberedOnceAndFoundAgainByItsBytes() {
        TermIds.Term war = ids.of(Analysis.BODY, new BytesRef("war"));

        assertThat(ids.of(Analysis.BODY, new BytesRef("war"))).isSameAs(war);
        assertThat(ids.byId(war.id())).isSameAs(war);
        assertThat(war.fieldIndex).isEqualTo(TermIds.BODY);
        assertThat(ids.of(Analysis.TITLE, new BytesRef("war"))).isNotSameAs(war);
    }

    @Test
    void aTitleOrBodyTermNumbersItsWordAsTextOnceForBothFields() {
        TermIds.Term inTitle = ids.of(Analysis.TITLE, new BytesRef("baku"));
        TermIds.Term inBody = ids.of(Analysis.BODY, new BytesRef("baku"));

        assertThat(inTitle.any).isSameAs(inBody.any);
        assertThat(inBody.any.inTitle).isSameAs(inTitle);
        assertThat(inBody.any.inBody).isSameAs(inBody);
        assertThat(ids.textIdOf("baku")).isEqualTo(inBody.any.id());
        assertThat(ids.isText(new BytesRef("baku"))).isTrue();
        assertThat(ids.textIdOf("lachin")).isEqualTo(-1);
    }

    @Test
    void twoMonitorsNumberTheirTermsApart() {
        TermIds other = new TermIds();
        ids.of(Analysis.BODY, new BytesRef("prisoners"));

        assertThat(other.isText(new BytesRef("prisoners"))).isFalse();
        assertThat(other.textIdOf("prisoners")).isEqualTo(-1);
        assertThat(other.count()).isZero();
        assertThat(other.of(Analysis.BODY, new BytesRef("border")).any.id())
                .as("numbers start afresh")
                .isZero();
    }

    @Test
    void aPairIsNotedOncePerPartnerAndPlaceAndMakesItsWordAnAnchor() {
        TermIds.Term border = ids.inText(new BytesRef("border"));
        TermIds.Term armenia = ids.inText(new BytesRef("armenia"));
        int near = TermIds.Partners.place(-3, 3);

        ids.pairWith(border, armenia, near);
        ids.pairWith(border, armenia, near);
        ids.pairWith(border, armenia, TermIds.Partners.ANYWHERE);

        assertThat(border.partners.terms).containsExactly(armenia, armenia);
        assertThat(border.partners.places).containsExactly(near, TermIds.Partners.ANYWHERE);
        assertThat(ids.isAnchor(border.id())).isTrue();
        assertThat(ids.isAnchor(armenia.id())).isFalse();
        assertThat(TermIds.Partners.min(near)).isEqualTo(-3);
        assertThat(TermIds.Partners.max(near)).isEqualTo(3);
    }

    @Test
    void aWordFiledAloneIsAnAnchor() {
        TermIds.Term section = ids.inText(new BytesRef("907"));

        ids.fileAlone(section);

        assertThat(section.alone).isTrue();
        assertThat(ids.isAnchor(section.id())).isTrue();
    }

    @Test
    void aStemIsKnownOnceSomeQueryAsksAboutIt() {
        BytesRef stem = new BytesRef("~detainee");
        assertThat(ids.isKnownStem(7, stem)).isFalse();
        assertThat(ids.isKnownStem(7, stem)).as("remembered").isFalse();

        ids.of(Analysis.BODY, stem);

        assertThat(ids.isKnownStem(7, stem))
                .as("read again after more terms were numbered")
                .isTrue();
        assertThat(ids.isKnownStem(-1, stem))
                .as("a word the cache does not hold")
                .isTrue();
        assertThat(ids.isKnownStem(50_000, stem))
                .as("a place past the memo grows it")
                .isTrue();
    }

    @Test
    void fieldsBeyondTitleAndBodyAreNumberedAsQueriesNameThem() {
        assertThat(ids.fieldIndex(Analysis.TITLE)).isEqualTo(TermIds.TITLE);
        assertThat(ids.fieldIndex(Analysis.BODY)).isEqualTo(TermIds.BODY);
        int source = ids.fieldIndex(Analysis.SOURCE);

        assertThat(source).isEqualTo(2);
        assertThat(ids.fieldIndex(Analysis.SOURCE)).isEqualTo(source);
        assertThat(ids.fieldName(source)).isEqualTo(Analysis.SOURCE);
    }
}
