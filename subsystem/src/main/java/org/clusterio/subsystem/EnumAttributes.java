package org.clusterio.subsystem;

import java.util.Locale;

import org.jboss.as.controller.OperationContext;
import org.jboss.as.controller.OperationFailedException;
import org.jboss.as.controller.SimpleAttributeDefinition;
import org.jboss.as.controller.SimpleAttributeDefinitionBuilder;
import org.jboss.as.controller.operations.validation.EnumValidator;
import org.jboss.dmr.ModelNode;
import org.jboss.dmr.ModelType;

/**
 * Attributes whose value is one of an enum's constants, as WildFly Core 31 defines them (its
 * {@code EnumAttributeDefinition} comes with WildFly Core 32): a string checked by {@link EnumValidator}, whose
 * values are the constants' {@code toString()}, and read back as the constant.
 */
final class EnumAttributes {

    private EnumAttributes() {
    }

    /** @return an optional attribute, expressions allowed, that takes effect after a reload */
    static <E extends Enum<E>> SimpleAttributeDefinition optional(String name, E defaultValue) {
        return new SimpleAttributeDefinitionBuilder(name, ModelType.STRING)
                .setRequired(false)
                .setAllowExpression(true)
                .setDefaultValue(new ModelNode(defaultValue.toString()))
                .setValidator(EnumValidator.create(defaultValue.getDeclaringClass()))
                .setRestartAllServices()
                .build();
    }

    /** @return the constant the attribute's value names, by its {@code toString()} or its name, as the validator admits them */
    static <E extends Enum<E>> E resolve(SimpleAttributeDefinition attribute, Class<E> type, OperationContext context, ModelNode model)
            throws OperationFailedException {
        String value = attribute.resolveModelAttribute(context, model).asString();
        for (E constant : type.getEnumConstants()) {
            if (constant.toString().equals(value)) {
                return constant;
            }
        }
        return Enum.valueOf(type, value.toUpperCase(Locale.ENGLISH));
    }
}
