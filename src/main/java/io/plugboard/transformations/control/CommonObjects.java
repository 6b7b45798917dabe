package io.plugboard.transformations.control;

import io.plugboard.elements.control.ElementService;
import io.plugboard.elements.entity.ElementDefinition;
import io.plugboard.instances.control.InstanceService;
import io.plugboard.instances.entity.Instance;
import io.plugboard.platform.control.Outcome;
import io.plugboard.transformations.entity.InstanceTransformation;
import io.plugboard.transformations.entity.Level;
import io.plugboard.transformations.entity.ObjectDefinitionRecord;
import io.plugboard.transformations.entity.ObjectField;
import io.plugboard.transformations.entity.OrganizationTransformation;
import io.plugboard.transformations.entity.TransformationDefinition;
import io.plugboard.transformations.entity.TransformationRecord;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;

import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * An organization's common objects: their definitions, and their mappings to each element's
 * vendor object for all of an element's instances or for one instance. Every query is scoped to the
 * caller's organization, so another organization's element, instance or object is simply not
 * found. Each write is one transaction: it is checked whole ({@link TransformationRules}) and then
 * stored whole, or nothing is stored.
 */
@ApplicationScoped
public class CommonObjects {

    @Inject
    CommonObjectRepository repository;
    @Inject
    ElementService elements;
    @Inject
    InstanceService instances;
    @Inject
    ObjectTemplates templates;

    // ------------------------------------------------------------------------------ definitions

    @Transactional(Transactional.TxType.SUPPORTS)
    public List<DefinitionView> definitions(long organizationId) {
        return repository.definitions(organizationId).stream().map(CommonObjects::view).toList();
    }

    @Transactional(Transactional.TxType.SUPPORTS)
    public Outcome<DefinitionView> definition(long organizationId, String name) {
        return existing(organizationId, name).map(CommonObjects::view);
    }

    @Transactional
    public Outcome<DefinitionView> createDefinition(long organizationId, String name, List<ObjectField> fields) {
        List<String> problems = new ArrayList<>(TransformationRules.nameProblems(name));
        problems.addAll(TransformationRules.definitionProblems(fields));
        if (!problems.isEmpty()) {
            return Outcome.invalid(String.join(" ", problems));
        }
        if (repository.definition(organizationId, name).isPresent()) {
            return Outcome.conflict("The common object " + name + " is already defined; PUT replaces its fields.");
        }
        return Outcome.success(view(repository.persist(new ObjectDefinitionRecord(organizationId, name,
                CommonObjectCodec.writeFields(fields), OffsetDateTime.now()))));
    }

    /**
     * New fields for the object. Its mappings stay as they are: they are read against the current
     * definition when they run, so a field taken out here is no longer mapped, and a type changed
     * here is the type the application sees.
     */
    @Transactional
    public Outcome<DefinitionView> replaceDefinition(long organizationId, String name, List<ObjectField> fields) {
        List<String> problems = TransformationRules.definitionProblems(fields);
        if (!problems.isEmpty()) {
            return Outcome.invalid(String.join(" ", problems));
        }
        return existing(organizationId, name).map(record -> {
            record.replaceFields(CommonObjectCodec.writeFields(fields), OffsetDateTime.now());
            return view(record);
        });
    }

    /** Refused while any mapping uses the object: deleting it must not silently take mappings along. */
    @Transactional
    public Outcome<DefinitionView> deleteDefinition(long organizationId, String name) {
        return existing(organizationId, name).flatMap(record -> {
            List<String> mappedBy = repository.mappingsOf(organizationId, name);
            if (!mappedBy.isEmpty()) {
                return Outcome.conflict("The common object " + name + " is still mapped (" + String.join(", ", mappedBy)
                        + "); delete those transformations first.");
            }
            repository.remove(record);
            return Outcome.success(view(record));
        });
    }

    private Outcome<ObjectDefinitionRecord> existing(long organizationId, String name) {
        return repository.definition(organizationId, name).<Outcome<ObjectDefinitionRecord>>map(Outcome::success)
                .orElseGet(() -> Outcome.notFound("No common object " + name + " is defined."));
    }

    // ------------------------------------------------------------------------------ mappings

    /** The organization's mappings for one element, or one instance's own, by object name. */
    @Transactional(Transactional.TxType.SUPPORTS)
    public Outcome<List<TransformationView>> transformations(long organizationId, Scope scope) {
        return resolve(organizationId, scope).map(owner -> (owner.instanceId() == null
                ? repository.organizationTransformations(organizationId, owner.element().key())
                : repository.instanceTransformations(organizationId, owner.instanceId()))
                .stream().map(CommonObjects::view).toList());
    }

    @Transactional(Transactional.TxType.SUPPORTS)
    public Outcome<TransformationView> transformation(long organizationId, Scope scope, String name) {
        return resolve(organizationId, scope).flatMap(owner -> stored(organizationId, owner, name)).map(CommonObjects::view);
    }

    @Transactional
    public Outcome<TransformationView> createTransformation(long organizationId, Scope scope, String name,
                                                            TransformationDefinition mapping) {
        return resolve(organizationId, scope).flatMap(owner -> objectFor(organizationId, name).flatMap(object -> {
            if (find(organizationId, owner, name).isPresent()) {
                return Outcome.conflict("The common object " + name + " is already mapped " + owner.describe()
                        + "; PUT replaces the mapping.");
            }
            return checked(mapping, object, owner).map(json -> {
                repository.claim(object);
                OffsetDateTime now = OffsetDateTime.now();
                TransformationRecord record = owner.instanceId() == null
                        ? new OrganizationTransformation(organizationId, owner.element().key(), name, json, now)
                        : new InstanceTransformation(organizationId, owner.instanceId(), owner.element().key(), name, json, now);
                return view(repository.persist(record));
            });
        }));
    }

    @Transactional
    public Outcome<TransformationView> replaceTransformation(long organizationId, Scope scope, String name,
                                                             TransformationDefinition mapping) {
        return resolve(organizationId, scope).flatMap(owner -> objectFor(organizationId, name)
                .flatMap(object -> stored(organizationId, owner, name)
                        .flatMap(record -> checked(mapping, object, owner).map(json -> {
                            repository.claim(object);
                            record.replaceDefinition(json, OffsetDateTime.now());
                            return view(record);
                        }))));
    }

    @Transactional
    public Outcome<TransformationView> deleteTransformation(long organizationId, Scope scope, String name) {
        return resolve(organizationId, scope).flatMap(owner -> stored(organizationId, owner, name)).map(record -> {
            repository.remove(record);
            return view(record);
        });
    }

    /** The mapping's JSON as stored, once it passed every rule against the object and the element. */
    private static Outcome<String> checked(TransformationDefinition mapping, ObjectDefinitionRecord object, Owner owner) {
        List<String> problems = TransformationRules.problems(mapping,
                CommonObjectCodec.readFields(object.getFieldsJson()), owner.element());
        return problems.isEmpty() ? Outcome.success(CommonObjectCodec.writeMapping(mapping))
                : Outcome.invalid(String.join(" ", problems));
    }

    private Outcome<ObjectDefinitionRecord> objectFor(long organizationId, String name) {
        return repository.definition(organizationId, name).<Outcome<ObjectDefinitionRecord>>map(Outcome::success)
                .orElseGet(() -> Outcome.notFound("No common object " + name + " is defined; define it first with"
                        + " POST /organizations/objects/" + name + "/definitions."));
    }

    private Outcome<TransformationRecord> stored(long organizationId, Owner owner, String name) {
        return find(organizationId, owner, name).<Outcome<TransformationRecord>>map(Outcome::success)
                .orElseGet(() -> Outcome.notFound("The common object " + name + " is not mapped " + owner.describe() + "."));
    }

    private Optional<TransformationRecord> find(long organizationId, Owner owner, String name) {
        return owner.instanceId() == null
                ? repository.organizationTransformation(organizationId, owner.element().key(), name).map(t -> t)
                : repository.instanceTransformation(organizationId, owner.instanceId(), name).map(t -> t);
    }

    /** Whose mapping: the element (for an instance, its element) and the instance, if any. */
    private record Owner(ElementDefinition element, Long instanceId) {
        String describe() {
            return instanceId == null ? "for the element " + element.key() : "for instance " + instanceId;
        }
    }

    private Outcome<Owner> resolve(long organizationId, Scope scope) {
        if (scope instanceof Scope.OfElement ofElement) {
            return elements.find(ofElement.keyOrId(), Optional.of(organizationId))
                    .<Outcome<Owner>>map(found -> Outcome.success(new Owner(found.definition(), null)))
                    .orElseGet(() -> Outcome.notFound("No element " + ofElement.keyOrId() + "."));
        }
        long instanceId = ((Scope.OfInstance) scope).instanceId();
        return instances.found(organizationId, instanceId).flatMap(instance -> elementOf(instance)
                .<Outcome<Owner>>map(element -> Outcome.success(new Owner(element, instanceId)))
                .orElseGet(() -> Outcome.notFound("The element of instance " + instanceId + " no longer exists.")));
    }

    private Optional<ElementDefinition> elementOf(Instance instance) {
        return instances.elementOf(instance);
    }

    // ------------------------------------------------------------------------------ templates

    /** What an installation made: the definition and the organization's mappings, by element key. */
    public record Installed(DefinitionView definition, Map<String, TransformationView> transformations) {
    }

    /**
     * Copies a shipped template into the organization: its definition and a mapping for each of
     * its elements the organization can see (an operator may have removed one), all in one
     * transaction. Refused when the organization already has an object of that name, so an
     * installation never overwrites what the organization made.
     */
    @Transactional
    public Outcome<Installed> installTemplate(long organizationId, String name) {
        Optional<ObjectTemplate> template = templates.find(name);
        if (template.isEmpty()) {
            return Outcome.notFound("No template " + name + ".");
        }
        if (repository.definition(organizationId, name).isPresent()) {
            return Outcome.conflict("The organization already has a common object " + name
                    + "; delete it first to install the template.");
        }
        List<String> problems = new ArrayList<>();
        Map<String, Owner> owners = new LinkedHashMap<>();
        template.get().transformations().forEach((elementKey, mapping) -> elements.find(elementKey, Optional.of(organizationId))
                .ifPresent(element -> {
                    Owner owner = new Owner(element.definition(), null);
                    owners.put(elementKey, owner);
                    TransformationRules.problems(mapping, template.get().fields(), owner.element())
                            .forEach(problem -> problems.add(elementKey + ": " + problem));
                }));
        if (!problems.isEmpty()) {
            return Outcome.invalid("The template " + name + " does not fit this hub's elements: " + String.join(" ", problems));
        }
        OffsetDateTime now = OffsetDateTime.now();
        ObjectDefinitionRecord definition = repository.persist(new ObjectDefinitionRecord(organizationId, name,
                CommonObjectCodec.writeFields(template.get().fields()), now));
        repository.flush();   // the ORM knows no link between the two: insert the definition first
        Map<String, TransformationView> mapped = new LinkedHashMap<>();
        owners.forEach((elementKey, owner) -> mapped.put(elementKey, view(repository.persist(new OrganizationTransformation(
                organizationId, owner.element().key(), name,
                CommonObjectCodec.writeMapping(template.get().transformations().get(elementKey)), now)))));
        return Outcome.success(new Installed(view(definition), mapped));
    }

    // ------------------------------------------------------------------------------ for the hub

    /** Everything a node keeps of the organization's common objects (see {@link CommonObjectDirectory}). */
    @Transactional(Transactional.TxType.SUPPORTS)
    public CommonObjectSet read(long organizationId) {
        Map<String, List<ObjectField>> definitions = new LinkedHashMap<>();
        repository.definitions(organizationId).forEach(d -> definitions.put(d.getName(),
                CommonObjectCodec.readFields(d.getFieldsJson())));
        List<TransformationView> mappings = new ArrayList<>();
        repository.organizationTransformations(organizationId).forEach(t -> mappings.add(view(t)));
        repository.instanceTransformations(organizationId).forEach(t -> mappings.add(view(t)));
        return CommonObjectSet.of(definitions, mappings);
    }

    // ------------------------------------------------------------------------------ views

    private static DefinitionView view(ObjectDefinitionRecord record) {
        return new DefinitionView(record.getName(), CommonObjectCodec.readFields(record.getFieldsJson()),
                record.getCreatedDate(), record.getUpdatedDate());
    }

    private static TransformationView view(TransformationRecord record) {
        Long instanceId = record instanceof InstanceTransformation own ? own.getInstanceId() : null;
        return new TransformationView(record.getObjectName(), record.getElementKey(),
                instanceId == null ? Level.ORGANIZATION : Level.INSTANCE, instanceId,
                CommonObjectCodec.readMapping(record.getDefinitionJson()), record.getCreatedDate(), record.getUpdatedDate());
    }
}
