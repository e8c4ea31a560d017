package org.advocacyalerts.dispatcher.web;

import com.thaiopensource.util.PropertyMapBuilder;
import com.thaiopensource.validate.ValidateProperty;
import com.thaiopensource.validate.ValidationDriver;
import com.thaiopensource.validate.rng.CompactSchemaReader;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import org.xml.sax.ErrorHandler;
import org.xml.sax.InputSource;
import org.xml.sax.SAXException;
import org.xml.sax.SAXParseException;

/** Atom 1.0's RELAX NG schema (RFC 4287), run by Jing: what a document breaks of it, in words. */
final class AtomSchema {

    private AtomSchema() {}

    /** The schema's complaints about {@code document} (none: it is an Atom feed or entry). */
    static List<String> problems(byte[] document) {
        List<String> problems = new ArrayList<>();
        ErrorHandler collect = new ErrorHandler() {
            @Override
            public void warning(SAXParseException e) {}

            @Override
            public void error(SAXParseException e) {
                problems.add("line " + e.getLineNumber() + ": " + e.getMessage());
            }

            @Override
            public void fatalError(SAXParseException e) {
                error(e);
            }
        };
        PropertyMapBuilder properties = new PropertyMapBuilder();
        ValidateProperty.ERROR_HANDLER.put(properties, collect);
        ValidationDriver driver = new ValidationDriver(properties.toPropertyMap(), CompactSchemaReader.getInstance());
        try {
            InputSource schema = new InputSource(
                    AtomSchema.class.getResource("/schemas/atom.rnc").toString());
            if (!driver.loadSchema(schema)) {
                throw new IllegalStateException("the Atom schema does not load: " + problems);
            }
            if (!driver.validate(new InputSource(new ByteArrayInputStream(document))) && problems.isEmpty()) {
                problems.add("invalid");
            }
        } catch (SAXException e) {
            problems.add(e.getMessage());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return problems;
    }
}
