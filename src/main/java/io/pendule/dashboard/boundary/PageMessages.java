package io.pendule.dashboard.boundary;

import io.pendule.dashboard.control.Texts;
import org.thymeleaf.context.ITemplateContext;
import org.thymeleaf.messageresolver.IMessageResolver;

import java.util.Locale;

/** The dashboard's texts ({@link Texts}) as Thymeleaf's #{…} messages. */
final class PageMessages implements IMessageResolver {

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
        return Texts.of(key, locale, parameters).orElse(null);
    }

    @Override
    public String createAbsentMessageRepresentation(ITemplateContext context, Class<?> origin, String key, Object[] parameters) {
        return "??" + key + "??";
    }
}
