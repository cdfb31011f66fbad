package org.clusterio.testing;

import java.awt.Color;
import java.awt.GradientPaint;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import javax.imageio.ImageIO;

/** Real images made by the test: a gradient with a few shapes, in a colour of the caller's choice. */
public final class TestImages {

    private TestImages() {
    }

    /** @return the bytes of an image of that size, encoded in the format ({@code png} or {@code jpg}) */
    public static byte[] image(String format, int width, int height, Color color) throws IOException {
        BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        Graphics2D graphics = image.createGraphics();
        try {
            graphics.setPaint(new GradientPaint(0, 0, color, width, height, color.darker().darker()));
            graphics.fillRect(0, 0, width, height);
            graphics.setColor(Color.WHITE);
            graphics.fillOval(width / 8, height / 5, width / 3, width / 3);
            graphics.setColor(new Color(255, 255, 255, 120));
            graphics.fillRect(width / 2, height / 2, width / 3, height / 4);
        } finally {
            graphics.dispose();
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        if (!ImageIO.write(image, format, out)) {
            throw new IllegalArgumentException("no ImageIO writer for " + format);
        }
        return out.toByteArray();
    }

    /** Writes an image into the directory under that name, for a browser to pick. */
    public static Path file(Path directory, String name, byte[] content) throws IOException {
        Files.createDirectories(directory);
        return Files.write(directory.resolve(name), content);
    }
}
