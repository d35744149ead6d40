package io.pendule.dashboard.control;

import java.text.MessageFormat;
import java.util.Locale;
import java.util.MissingResourceException;
import java.util.Optional;
import java.util.ResourceBundle;

/** The dashboard's texts, French and English, from the bundle src/main/resources/pendule-messages*.properties. */
public final class Texts {

    /** English is the base bundle: a server running in French must not answer French to an English reader. */
    private static final ResourceBundle.Control NO_SERVER_LOCALE =
            ResourceBundle.Control.getNoFallbackControl(ResourceBundle.Control.FORMAT_PROPERTIES);

    private Texts() {
    }

    /** The text of {@code key} in {@code locale}, its {0}, {1}… filled with {@code parameters}; empty if there is none. */
    public static Optional<String> of(String key, Locale locale, Object... parameters) {
        try {
            String text = ResourceBundle.getBundle("pendule-messages", locale, Texts.class.getClassLoader(), NO_SERVER_LOCALE)
                    .getString(key);
            return Optional.of(parameters == null || parameters.length == 0 ? text : new MessageFormat(text, locale).format(parameters));
        } catch (MissingResourceException e) {
            return Optional.empty();
        }
    }
}
