package io.plugboard.elements.control;

import io.plugboard.elements.entity.ElementDefinition;
import io.plugboard.elements.entity.ElementDefinition.ConfigurationDefinition;
import io.plugboard.elements.entity.PrivateElementRecord;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;

import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The elements a caller can see: the public catalog plus, for an authenticated caller, their
 * organization's private elements. Private elements are created, replaced and deleted here; the
 * catalog is read-only through the API (operators change it with files).
 */
@ApplicationScoped
public class ElementService {

    /** What the API shows for a secret default, and what a PUT may send back to mean "unchanged". */
    public static final String MASK = "********";

    @Inject
    ElementCatalog catalog;
    @Inject
    PrivateElementRepository privateElements;

    /** An element and whether it belongs to the caller's organization (and so may be changed). */
    public record Element(ElementDefinition definition, boolean privateToCaller) {
    }

    /** An element and the organization that owns it: null for a catalog element, which every organization shares. */
    public record Owned(Long organizationId, ElementDefinition definition) {
    }

    public sealed interface ChangeResult {
        record Saved(ElementDefinition element) implements ChangeResult {
        }

        record Invalid(List<String> problems) implements ChangeResult {
        }

        record KeyTaken(String key) implements ChangeResult {
        }

        record NotFound(String keyOrId) implements ChangeResult {
        }

        /** A catalog element: changed by the operator's files, not through the API. */
        record ReadOnly(String key) implements ChangeResult {
        }
    }

    @Transactional(Transactional.TxType.SUPPORTS)
    public List<ElementDefinition> visibleTo(Optional<Long> organizationId) {
        List<ElementDefinition> all = new ArrayList<>(catalog.all());
        organizationId.ifPresent(org -> privateElements.findAll(org).forEach(r -> all.add(definitionOf(r))));
        return all;
    }

    /**
     * The catalog answers first: private elements can never take a catalog key or alias, and
     * their ids start above every catalog id, so a catalog hit is final and costs no query.
     * A private element is then found by key, id, or (rarely) alias.
     */
    @Transactional(Transactional.TxType.SUPPORTS)
    public Optional<Element> find(String keyOrId, Optional<Long> organizationId) {
        Optional<ElementDefinition> shared = catalog.find(keyOrId);
        if (shared.isPresent() || organizationId.isEmpty()) {
            return shared.map(e -> new Element(e, false));
        }
        return findOwn(organizationId.get(), keyOrId).map(r -> new Element(definitionOf(r), true));
    }

    /**
     * The elements that answer to a key with no caller known (a provider's webhook): the catalog
     * element, or else every organization's private element of that key (keys are unique per
     * organization only). Callers pick the one owned by the organization of the instance they reach.
     */
    @Transactional(Transactional.TxType.SUPPORTS)
    public List<Owned> everyOwnerOf(String key) {
        Optional<ElementDefinition> shared = catalog.find(key);
        if (shared.isPresent()) {
            return List.of(new Owned(null, shared.get()));
        }
        return privateElements.findByKeyInEveryOrganization(key).stream()
                .map(r -> new Owned(r.getOrganizationId(), definitionOf(r)))
                .toList();
    }

    @Transactional
    public ChangeResult create(long organizationId, ElementDefinition submitted) {
        ElementDefinition candidate = submitted.withId(null);
        List<String> problems = ElementRules.problems(candidate);
        if (!problems.isEmpty()) {
            return new ChangeResult.Invalid(problems);
        }
        Optional<String> taken = takenKey(organizationId, candidate, null);
        if (taken.isPresent()) {
            return new ChangeResult.KeyTaken(taken.get());
        }
        PrivateElementRecord record = privateElements.save(new PrivateElementRecord(organizationId, candidate.key(),
                ElementCodec.write(candidate), OffsetDateTime.now()));
        ElementDefinition saved = candidate.withId(record.getId()).normalized();
        record.replaceDefinition(saved.key(), ElementCodec.write(saved), OffsetDateTime.now());
        return new ChangeResult.Saved(saved);
    }

    @Transactional
    public ChangeResult replace(long organizationId, String keyOrId, ElementDefinition submitted) {
        Optional<PrivateElementRecord> existing = findOwn(organizationId, keyOrId);
        if (existing.isEmpty()) {
            return catalog.find(keyOrId).<ChangeResult>map(e -> new ChangeResult.ReadOnly(e.key()))
                    .orElseGet(() -> new ChangeResult.NotFound(keyOrId));
        }
        PrivateElementRecord record = existing.get();
        ElementDefinition current = definitionOf(record);
        ElementDefinition candidate = keepMaskedSecrets(submitted, current).withId(record.getId());
        List<String> problems = ElementRules.problems(candidate);
        if (!problems.isEmpty()) {
            return new ChangeResult.Invalid(problems);
        }
        Optional<String> taken = takenKey(organizationId, candidate, record.getId());
        if (taken.isPresent()) {
            return new ChangeResult.KeyTaken(taken.get());
        }
        ElementDefinition saved = candidate.normalized();
        record.replaceDefinition(saved.key(), ElementCodec.write(saved), OffsetDateTime.now());
        return new ChangeResult.Saved(saved);
    }

    @Transactional
    public ChangeResult setActive(long organizationId, String keyOrId, boolean active) {
        Optional<PrivateElementRecord> existing = findOwn(organizationId, keyOrId);
        if (existing.isEmpty()) {
            return catalog.find(keyOrId).<ChangeResult>map(e -> new ChangeResult.ReadOnly(e.key()))
                    .orElseGet(() -> new ChangeResult.NotFound(keyOrId));
        }
        ElementDefinition saved = definitionOf(existing.get()).withActive(active).normalized();
        existing.get().replaceDefinition(saved.key(), ElementCodec.write(saved), OffsetDateTime.now());
        return new ChangeResult.Saved(saved);
    }

    @Transactional
    public ChangeResult delete(long organizationId, String keyOrId) {
        Optional<PrivateElementRecord> existing = findOwn(organizationId, keyOrId);
        if (existing.isEmpty()) {
            return catalog.find(keyOrId).<ChangeResult>map(e -> new ChangeResult.ReadOnly(e.key()))
                    .orElseGet(() -> new ChangeResult.NotFound(keyOrId));
        }
        ElementDefinition deleted = definitionOf(existing.get());
        privateElements.delete(existing.get());
        return new ChangeResult.Saved(deleted);
    }

    /** The definition as the API shows it: secret defaults masked. */
    public static ElementDefinition masked(ElementDefinition element) {
        return element.withConfiguration(element.configuration().stream()
                .map(c -> c.isSecret() && c.defaultValue() != null ? c.withDefaultValue(MASK) : c)
                .toList());
    }

    private Optional<PrivateElementRecord> findOwn(long organizationId, String keyOrId) {
        Optional<PrivateElementRecord> direct = isNumeric(keyOrId)
                ? privateElements.findById(organizationId, Long.parseLong(keyOrId))
                : privateElements.findByKey(organizationId, keyOrId);
        if (direct.isPresent()) {
            return direct;
        }
        return privateElements.findAll(organizationId).stream()
                .filter(r -> definitionOf(r).answersTo(keyOrId))
                .findFirst();
    }

    private static boolean isNumeric(String value) {
        return !value.isEmpty() && value.length() < 19 && value.chars().allMatch(Character::isDigit);
    }

    private Optional<String> takenKey(long organizationId, ElementDefinition candidate, Long exceptId) {
        List<String> keys = new ArrayList<>();
        keys.add(candidate.key());
        if (candidate.aliases() != null) {
            keys.addAll(candidate.aliases());
        }
        List<ElementDefinition> others = privateElements.findAll(organizationId).stream()
                .filter(r -> !r.getId().equals(exceptId))
                .map(ElementService::definitionOf)
                .toList();
        return keys.stream()
                .filter(key -> catalog.claims(key) || others.stream().anyMatch(o -> o.answersTo(key)))
                .findFirst();
    }

    /** A PUT of what GET returned carries masked secrets: keep the stored values for those. */
    private static ElementDefinition keepMaskedSecrets(ElementDefinition submitted, ElementDefinition current) {
        if (submitted.configuration() == null) {
            return submitted;
        }
        List<ConfigurationDefinition> entries = submitted.configuration().stream()
                .map(c -> c != null && MASK.equals(c.defaultValue())
                        ? c.withDefaultValue(current.defaultValue(c.key()).orElse(null))
                        : c)
                .toList();
        return submitted.withConfiguration(entries);
    }

    private static ElementDefinition definitionOf(PrivateElementRecord record) {
        return ElementCodec.read(record.getDefinitionJson())
                .orElseThrow(() -> new IllegalStateException("Stored private element " + record.getId() + " is not valid JSON"))
                .withId(record.getId())
                .normalized();
    }
}
