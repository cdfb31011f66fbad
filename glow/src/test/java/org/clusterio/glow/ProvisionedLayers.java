package org.clusterio.glow;

import java.nio.file.Path;
import java.util.Set;
import java.util.TreeSet;

import javax.xml.parsers.DocumentBuilderFactory;

import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/**
 * The feature packs and the layers a server was provisioned with: Glow's choice, as the WildFly Maven plugin records it
 * in the Galleon provisioning.xml at the root of the installation.
 */
record ProvisionedLayers(Set<String> featurePacks, Set<String> included, Set<String> excluded) {

    static ProvisionedLayers of(Path jbossHome) throws Exception {
        DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
        factory.setNamespaceAware(true);
        Document document = factory.newDocumentBuilder().parse(jbossHome.resolve(".wildfly-maven-plugin-provisioning.xml").toFile());
        return new ProvisionedLayers(attributes(document, "feature-pack", "location"),
                layerNames(document, "include"), layerNames(document, "exclude"));
    }

    private static Set<String> layerNames(Document document, String element) {
        Set<String> names = new TreeSet<>();
        NodeList layersElements = document.getElementsByTagNameNS("*", "layers");
        for (int i = 0; i < layersElements.getLength(); i++) {
            NodeList entries = ((Element) layersElements.item(i)).getElementsByTagNameNS("*", element);
            for (int j = 0; j < entries.getLength(); j++) {
                names.add(((Element) entries.item(j)).getAttribute("name"));
            }
        }
        return names;
    }

    private static Set<String> attributes(Document document, String element, String attribute) {
        Set<String> values = new TreeSet<>();
        NodeList entries = document.getElementsByTagNameNS("*", element);
        for (int i = 0; i < entries.getLength(); i++) {
            values.add(((Element) entries.item(i)).getAttribute(attribute));
        }
        return values;
    }
}
