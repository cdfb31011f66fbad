package org.clusterio.subsystem;

import static org.hamcrest.CoreMatchers.containsString;
import static org.hamcrest.MatcherAssert.assertThat;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertThrows;

import org.clusterio.sessions.SessionsMode;
import org.jboss.as.controller.ExpressionResolver;
import org.jboss.as.controller.OperationFailedException;
import org.jboss.dmr.ModelNode;
import org.jboss.dmr.ValueExpression;
import org.junit.Test;

/** An enumerated attribute resolves to its constant from the name, another case of it, or an expression of either. */
public class EnumAttributesTest {

    @Test
    public void resolvesNamesInAnyCaseAndTheDefault() throws OperationFailedException {
        assertEquals(SessionsMode.STICKY, resolve(new ModelNode("STICKY")));
        assertEquals(SessionsMode.STICKY, resolve(new ModelNode("sticky")));
        assertEquals(SessionsMode.LOCKING, resolve(new ModelNode()));
    }

    /** An expression is stored as written, so one of an earlier release may still resolve to the lower-case name. */
    @Test
    public void resolvesExpressionsOfEitherSpelling() throws OperationFailedException {
        assertEquals(SessionsMode.STICKY, resolve(new ModelNode(new ValueExpression("${cluster-io.test.no-such-property:sticky}"))));
        assertEquals(SessionsMode.LOCKING, resolve(new ModelNode(new ValueExpression("${cluster-io.test.no-such-property:LOCKING}"))));
    }

    @Test
    public void anExpressionResolvingToAWrongValueIsRefusedNamingTheAttribute() {
        ModelNode wrong = new ModelNode(new ValueExpression("${cluster-io.test.no-such-property:optimistic}"));
        OperationFailedException refused = assertThrows(OperationFailedException.class, () -> resolve(wrong));
        assertThat(refused.getMessage(), containsString("mode"));
        assertThat(refused.getMessage(), containsString("LOCKING, STICKY"));
    }

    private static SessionsMode resolve(ModelNode value) throws OperationFailedException {
        ModelNode model = new ModelNode();
        model.get(SessionsResourceDefinitionRegistrar.MODE.getName()).set(value);
        return EnumAttributes.resolve(SessionsResourceDefinitionRegistrar.MODE, SessionsMode.class, ExpressionResolver.TEST_RESOLVER, model);
    }
}
