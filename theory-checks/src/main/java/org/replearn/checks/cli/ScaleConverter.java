package org.replearn.checks.cli;

import org.replearn.checks.claims.api.Scale;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/**
 * Converts a {@code --scale} value ({@code quick|full|paper|cluster}, {@link Scale#parse}); {@code reproduce} and {@code sweep}
 * share it.
 */
public final class ScaleConverter implements ITypeConverter<Scale> {
    @Override
    public Scale convert(String value) {
        try {
            return Scale.parse(value);
        } catch (IllegalArgumentException e) {
            throw new TypeConversionException(e.getMessage());
        }
    }
}
