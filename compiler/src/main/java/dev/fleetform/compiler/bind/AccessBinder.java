package dev.fleetform.compiler.bind;

import dev.fleetform.compiler.diag.Origin;
import dev.fleetform.compiler.model.Access;
import dev.fleetform.compiler.model.AccessGroup;
import dev.fleetform.compiler.model.Bastion;
import dev.fleetform.compiler.model.BastionKind;
import dev.fleetform.compiler.model.Selector;

import java.util.ArrayList;
import java.util.List;

/** Binds {@code access:} (bastions and JumpServer groups) and selectors, which other sections share. */
final class AccessBinder {
    static final int DEFAULT_BASTION_PORT = 22;
    static final List<String> DEFAULT_ACTIONS = List.of("connect");

    private AccessBinder() {
    }

    static Access access(Layered a) {
        if (a.isAbsent()) return Access.EMPTY;
        List<Bastion> bastions = new ArrayList<>();
        for (Layered b : a.items("bastions")) {
            bastions.add(new Bastion(b.text("name"), HostBinder.enumOf(BastionKind.class, b.text("kind")),
                    b.text("address"), b.integer("port", DEFAULT_BASTION_PORT), b.text("user"),
                    b.bool("requireVpn", false), b.text("mfa"), b.origin()));
        }
        List<AccessGroup> groups = new ArrayList<>();
        for (Layered g : a.items("groups")) {
            groups.add(new AccessGroup(g.text("name"), g.strings("users"),
                    selector(g.get("hosts"), g.origin().child("hosts")),
                    g.has("actions") ? g.strings("actions") : DEFAULT_ACTIONS, g.origin()));
        }
        return new Access(HostBinder.immutable(bastions), HostBinder.immutable(groups));
    }

    /** A selector; an absent one (selects everything) is located at {@code absentAt}. */
    static Selector selector(Layered s, Origin absentAt) {
        return new Selector(s.strings("names"), s.strings("roles"), s.stringMap("labels"),
                s.isAbsent() ? absentAt : s.origin());
    }
}
