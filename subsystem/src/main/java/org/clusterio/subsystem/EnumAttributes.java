package org.clusterio.subsystem;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import org.jboss.as.controller.ExpressionResolver;
import org.jboss.as.controller.OperationFailedException;
import org.jboss.as.controller.ParameterCorrector;
import org.jboss.as.controller.SimpleAttributeDefinition;
import org.jboss.as.controller.SimpleAttributeDefinitionBuilder;
import org.jboss.as.controller.logging.ControllerLogger;
import org.jboss.as.controller.operations.validation.AllowedValuesValidator;
import org.jboss.as.controller.operations.validation.ModelTypeValidator;
import org.jboss.dmr.ModelNode;
import org.jboss.dmr.ModelType;

/**
 * Attributes whose value is one of an enum's constants, spelt as WildFly spells them: the constant's {@code name()}.
 * WildFly's subsystems build their enumerated attributes with {@code EnumAttributeDefinition.nameBuilder} (infinispan's
 * transaction {@code mode} {@code NON_XA}, distributable-web's {@code granularity} {@code SESSION}; messaging's
 * {@code journal-type} {@code ASYNCIO} and undertow's {@code ssl-client-auth} {@code NOT_REQUESTED} likewise), and WildFly
 * Core 32's {@code EnumAttributeDefinition} formats values with {@code Enum::name}, keeping {@code toString()} for
 * values that are no identifiers, such as Hot Rod's protocol version {@code 3.1}.
 * <p>
 * WildFly Core 31 has no {@code EnumAttributeDefinition}, and its {@code EnumValidator} (deprecated for removal)
 * formats with {@code toString()} and rewrites the value it validates; so here a validator that only checks and a
 * corrector that normalises. A value in another case, such as sessions' {@code mode} {@code sticky} of earlier
 * releases, is accepted (what Core 32's {@code upperCaseNameBuilder} does) and stored as the name, so that existing
 * configurations keep working and the model, the XML written back and {@code read-resource} show one spelling.
 */
final class EnumAttributes {

    private EnumAttributes() {
    }

    /** @return an optional attribute, expressions allowed, that takes effect after a reload */
    static <E extends Enum<E>> SimpleAttributeDefinition optional(String name, E defaultValue) {
        Class<E> type = defaultValue.getDeclaringClass();
        return new SimpleAttributeDefinitionBuilder(name, ModelType.STRING)
                .setRequired(false)
                .setAllowExpression(true)
                .setDefaultValue(new ModelNode(defaultValue.name()))
                .setCorrector(new NameCorrector<>(type))
                .setValidator(new NameValidator<>(type))
                .setRestartAllServices()
                .build();
    }

    /** @return the constant that the attribute's value, or the value its expression resolves to, names in any case */
    static <E extends Enum<E>> E resolve(SimpleAttributeDefinition attribute, Class<E> type, ExpressionResolver resolver, ModelNode model)
            throws OperationFailedException {
        String value = attribute.resolveModelAttribute(resolver, model).asString();
        return named(type, value).orElseThrow(() -> ControllerLogger.ROOT_LOGGER.invalidEnumValue(value, attribute.getName(), names(type)));
    }

    private static <E extends Enum<E>> Optional<E> named(Class<E> type, String value) {
        for (E constant : type.getEnumConstants()) {
            if (constant.name().equalsIgnoreCase(value)) {
                return Optional.of(constant);
            }
        }
        return Optional.empty();
    }

    private static <E extends Enum<E>> Set<String> names(Class<E> type) {
        Set<String> names = new LinkedHashSet<>();
        for (E constant : type.getEnumConstants()) {
            names.add(constant.name());
        }
        return names;
    }

    /** Rewrites a value that names a constant in another case as its name; leaves expressions and wrong values alone. */
    private record NameCorrector<E extends Enum<E>>(Class<E> type) implements ParameterCorrector {

        @Override
        public ModelNode correct(ModelNode newValue, ModelNode currentValue) {
            if (newValue.getType() != ModelType.STRING) {
                return newValue;
            }
            return named(type, newValue.asString()).map(constant -> new ModelNode(constant.name())).orElse(newValue);
        }
    }

    /** Admits the constants' names in any case (expressions once resolved); describes the names as the allowed values. */
    private static final class NameValidator<E extends Enum<E>> extends ModelTypeValidator implements AllowedValuesValidator {

        private final Class<E> type;

        NameValidator(Class<E> type) {
            super(ModelType.STRING, false, true);
            this.type = type;
        }

        @Override
        public void validateParameter(String parameterName, ModelNode value) throws OperationFailedException {
            super.validateParameter(parameterName, value);
            if (value.isDefined() && value.getType() != ModelType.EXPRESSION && named(type, value.asString()).isEmpty()) {
                throw ControllerLogger.ROOT_LOGGER.invalidEnumValue(value.asString(), parameterName, names(type));
            }
        }

        @Override
        public List<ModelNode> getAllowedValues() {
            return names(type).stream().map(ModelNode::new).toList();
        }
    }
}
