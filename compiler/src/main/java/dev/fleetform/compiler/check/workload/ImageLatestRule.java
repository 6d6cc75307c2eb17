package dev.fleetform.compiler.check.workload;

import dev.fleetform.compiler.check.CheckContext;
import dev.fleetform.compiler.check.Reporter;
import dev.fleetform.compiler.check.Rule;
import dev.fleetform.compiler.model.Miner;

/**
 * IMAGE-LATEST (warning): an image without a digest whose tag is {@code latest} or missing
 * (which means {@code latest}). Nodes then run whatever was pushed last and a new build rolls
 * out without a reviewed change.
 */
public final class ImageLatestRule implements Rule {

    @Override
    public String id() {
        return "IMAGE-LATEST";
    }

    @Override
    public void check(CheckContext ctx, Reporter out) {
        for (Miner m : ctx.fleet().miners()) {
            String image = m.image();
            if (image == null || image.indexOf('@') >= 0) continue;
            String tag = tagOf(image);
            if (tag != null && !tag.equals("latest")) continue;
            out.warning(m.origin().child("image"),
                    "miner " + m.name() + " image " + image
                            + (tag == null ? " has no tag, so it means :latest" : " uses the tag latest"),
                    "pin a version tag or a digest (image@sha256:...) so every node runs the same build"
                            + " and an upgrade is a reviewed change");
        }
    }

    /** The tag after the last path segment's ':' (a ':' before the last '/' is a registry port), or null. */
    static String tagOf(String image) {
        int colon = image.lastIndexOf(':');
        return colon > image.lastIndexOf('/') ? image.substring(colon + 1) : null;
    }
}
