package dev.fleetform.compiler.emit;

import freemarker.core.TemplateClassResolver;
import freemarker.template.Configuration;
import freemarker.template.Template;
import freemarker.template.TemplateException;
import freemarker.template.TemplateExceptionHandler;
import freemarker.cache.ClassTemplateLoader;
import freemarker.cache.FileTemplateLoader;
import freemarker.cache.MultiTemplateLoader;
import freemarker.cache.StringTemplateLoader;
import freemarker.cache.TemplateLoader;

import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.nio.charset.StandardCharsets;
import dev.fleetform.compiler.load.FleetSource;
import dev.fleetform.compiler.load.FleetSourceException;
import java.util.TimeZone;

/**
 * FreeMarker, configured strictly (LIBRARY-NOTES.md): errors rethrown, no class instantiation,
 * no {@code ?api}, {@code .ftlx} auto-escaped as XML. A fleet repo's {@code templates/} folder,
 * when given, shadows any built-in template of the same name.
 */
public final class Templates {
    private static final String BUILT_IN = "built-in";

    private final Configuration cfg;
    private final Object identity;

    private Templates(Configuration cfg, Object identity) {
        this.cfg = cfg;
        this.identity = identity;
    }

    public static Templates builtIn() {
        return configure(null, BUILT_IN);
    }

    /** @param overrides a directory whose templates win over the built-in ones by name, or null */
    public static Templates withOverrides(Path overrides) {
        if (overrides == null) return builtIn();
        try {
            return configure(new FileTemplateLoader(overrides.toFile()), overrides.toAbsolutePath().normalize());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * @param overrides template text by name ({@code libvirt/domain.xml.ftlx}), e.g. read from a git
     *                  revision; they win over the built-in ones
     */
    public static Templates withOverrides(Map<String, String> overrides) {
        if (overrides.isEmpty()) return builtIn();
        StringTemplateLoader loader = new StringTemplateLoader();
        overrides.forEach(loader::putTemplate);
        return configure(loader, Map.copyOf(overrides));
    }

    /** Largest template file read from a fleet source. */
    static final long MAX_TEMPLATE_BYTES = 1 << 20;

    /**
     * The templates under {@code dir} of a fleet source (e.g. a git revision, for a plan) over the
     * built-in ones; a missing or empty folder means the built-in ones.
     */
    public static Templates fromSource(FleetSource source, String dir) throws FleetSourceException {
        String prefix = dir.endsWith("/") ? dir : dir + "/";
        Map<String, String> texts = new TreeMap<>();
        for (String path : source.glob(prefix + "**")) {
            texts.put(path.substring(prefix.length()), new String(source.read(path, MAX_TEMPLATE_BYTES), StandardCharsets.UTF_8));
        }
        return withOverrides(texts);
    }

    /**
     * What tells two template sets apart: equal identities render alike (the same overrides, or
     * none). The plan keys a host's resources by it, so a changed template re-renders the VMs.
     */
    public Object identity() {
        return identity;
    }

    private static Templates configure(TemplateLoader overrides, Object identity) {
        Configuration cfg = new Configuration(Configuration.VERSION_2_3_34);
        List<TemplateLoader> loaders = new ArrayList<>();
        if (overrides != null) loaders.add(overrides);
        loaders.add(new ClassTemplateLoader(Templates.class, "/dev/fleetform/templates"));
        cfg.setTemplateLoader(new MultiTemplateLoader(loaders.toArray(TemplateLoader[]::new)));
        cfg.setDefaultEncoding("UTF-8");
        cfg.setOutputEncoding("UTF-8");
        cfg.setLocale(Locale.ROOT);
        cfg.setTimeZone(TimeZone.getTimeZone("UTC"));
        cfg.setNumberFormat("computer");
        cfg.setBooleanFormat("c");
        cfg.setTemplateExceptionHandler(TemplateExceptionHandler.RETHROW_HANDLER);
        cfg.setLogTemplateExceptions(false);
        cfg.setWrapUncheckedExceptions(true);
        cfg.setFallbackOnNullLoopVariable(false);
        cfg.setNewBuiltinClassResolver(TemplateClassResolver.ALLOWS_NOTHING_RESOLVER);
        cfg.setAPIBuiltinEnabled(false);
        cfg.setRecognizeStandardFileExtensions(true); // .ftlx => XML output format, auto-escaped
        return new Templates(cfg, identity);
    }

    /** Renders a template by name (e.g. {@code libvirt/domain.xml.ftlx}) with the given data model. */
    public String render(String name, Object model) {
        try {
            Template t = cfg.getTemplate(name);
            StringWriter out = new StringWriter();
            t.process(model, out);
            return out.toString();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (TemplateException e) {
            throw new IllegalStateException("template " + name + ": " + e.getMessage(), e);
        }
    }
}
