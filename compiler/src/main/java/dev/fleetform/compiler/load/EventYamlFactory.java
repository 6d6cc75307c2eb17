package dev.fleetform.compiler.load;

import com.fasterxml.jackson.core.ObjectCodec;
import com.fasterxml.jackson.core.io.IOContext;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactoryBuilder;
import com.fasterxml.jackson.dataformat.yaml.YAMLParser;
import java.io.Reader;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.events.Event;

/**
 * A YAMLFactory whose parsers show the SnakeYAML event behind the current token. Jackson drops
 * what the loader must refuse: a scalar's anchor ({@code name: &a min}), and it reports a key's
 * tag or anchor as the enclosing mapping's. The event has both exactly as written, on every kind
 * of node (key, scalar, mapping, sequence).
 */
final class EventYamlFactory extends YAMLFactory {

    EventYamlFactory(YAMLFactoryBuilder builder) {
        super(builder);
    }

    @Override
    protected YAMLParser _createParser(Reader r, IOContext ctxt) {
        return new Parser(ctxt, _parserFeatures, _yamlParserFeatures, _loaderOptions, _objectCodec, r);
    }

    /** Jackson's parser, with the event of the current token in view. */
    static final class Parser extends YAMLParser {

        Parser(IOContext ctxt, int parserFeatures, int formatFeatures, LoaderOptions options, ObjectCodec codec,
               Reader reader) {
            super(ctxt, parserFeatures, formatFeatures, options, codec, reader);
        }

        /** The SnakeYAML event the current token was made from (getEvent() would read the next one). */
        Event event() {
            return _lastEvent;
        }
    }
}
