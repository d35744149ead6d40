package io.pendule.dashboard.boundary;

import org.thymeleaf.context.ITemplateContext;
import org.thymeleaf.messageresolver.IMessageResolver;

import java.text.MessageFormat;
import java.util.Locale;
import java.util.MissingResourceException;
import java.util.ResourceBundle;

/** The dashboard's texts, French and English, from the bundle src/main/resources/pendule-messages*.properties. */
final class PageMessages implements IMessageResolver {

    /** English is the base bundle: a server running in French must not answer French to an English reader. */
    private static final ResourceBundle.Control NO_SERVER_LOCALE =
            ResourceBundle.Control.getNoFallbackControl(ResourceBundle.Control.FORMAT_PROPERTIES);

    @Override
    public String getName() {
        return "pendule";
    }

    @Override
    public Integer getOrder() {
        return 0;
    }

    @Override
    public String resolveMessage(ITemplateContext context, Class<?> origin, String key, Object[] parameters) {
        Locale locale = context.getLocale() == null ? Locale.ENGLISH : context.getLocale();
        try {
            String text = ResourceBundle.getBundle("pendule-messages", locale, PageMessages.class.getClassLoader(), NO_SERVER_LOCALE)
                    .getString(key);
            return parameters == null || parameters.length == 0 ? text : new MessageFormat(text, locale).format(parameters);
        } catch (MissingResourceException e) {
            return null;
        }
    }

    @Override
    public String createAbsentMessageRepresentation(ITemplateContext context, Class<?> origin, String key, Object[] parameters) {
        return "??" + key + "??";
    }
}
