package io.pendule.clock.control;

import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.annotation.Resource;
import jakarta.enterprise.event.Event;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;

import java.lang.annotation.Annotation;
import java.lang.reflect.Field;
import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.lang.reflect.Parameter;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Proxy;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * The few things the container does for one node's beans, by hand: set their {@code @Inject} and {@code @Resource}
 * fields to the one bean of the field's type (an {@code Instance} to all of them), call their lifecycle and timer
 * methods, and deliver events synchronously to their {@code @Observes} methods. A field no bean matches fails the
 * wiring with its name, so a bean that needs something new says so.
 */
final class HandWiring {

    private final List<Object> beans = new ArrayList<>();

    <T> T add(T bean) {
        beans.add(bean);
        return bean;
    }

    /** The beans of that type, in the order they were added. */
    <T> List<T> all(Class<T> type) {
        return beans.stream().filter(type::isInstance).map(type::cast).toList();
    }

    void wire() {
        for (Object bean : beans) {
            for (Field field : fields(bean.getClass())) {
                if (field.isAnnotationPresent(Inject.class) || field.isAnnotationPresent(Resource.class)) {
                    set(bean, field, resolve(field));
                }
            }
        }
    }

    /** Calls the {@code @PostConstruct} methods, in the order the beans were added. */
    void construct() {
        beans.forEach(bean -> invokeAll(bean, PostConstruct.class));
    }

    /** Calls the {@code @PreDestroy} methods of the beans {@code which} selects, last added first. */
    void destroy(Predicate<Object> which) {
        List<Object> reversed = new ArrayList<>(beans);
        Collections.reverse(reversed);
        reversed.stream().filter(which).forEach(bean -> invokeAll(bean, PreDestroy.class));
    }

    /** Calls the one method of {@code bean} with that annotation, as the container does for a timer or a schedule. */
    void call(Object bean, Class<? extends Annotation> annotation) {
        List<Method> methods = methods(bean.getClass()).stream().filter(m -> m.isAnnotationPresent(annotation)).toList();
        if (methods.size() != 1) {
            throw new IllegalStateException(bean.getClass().getSimpleName() + " has " + methods.size() + " @"
                    + annotation.getSimpleName() + " methods, not one");
        }
        invoke(bean, methods.get(0));
    }

    /** Delivers {@code event} at once to every observer method of the beans, as a synchronous CDI event. */
    void fire(Object event) {
        for (Object bean : beans) {
            for (Method method : methods(bean.getClass())) {
                Parameter[] parameters = method.getParameters();
                if (parameters.length == 1 && parameters[0].isAnnotationPresent(Observes.class)
                        && parameters[0].getType().isInstance(event)) {
                    invoke(bean, method, event);
                }
            }
        }
    }

    private Object resolve(Field field) {
        if (field.getType() == Event.class) {
            return event();
        }
        if (field.getType() == Instance.class) {
            Class<?> type = (Class<?>) ((ParameterizedType) field.getGenericType()).getActualTypeArguments()[0];
            return instance(beans.stream().filter(type::isInstance).toList());
        }
        List<Object> matches = beans.stream().filter(field.getType()::isInstance).toList();
        if (matches.size() != 1) {
            throw new IllegalStateException(field.getDeclaringClass().getSimpleName() + "." + field.getName() + ": "
                    + matches.size() + " beans of type " + field.getType().getSimpleName() + " to inject, not one");
        }
        return matches.get(0);
    }

    private Event<?> event() {
        return standIn(Event.class, Map.of(
                "fire", args -> {
                    fire(args[0]);
                    return null;
                },
                "fireAsync", args -> {
                    fire(args[0]);
                    return CompletableFuture.completedFuture(args[0]);
                }));
    }

    private static Instance<?> instance(List<Object> all) {
        return standIn(Instance.class, Map.of(
                "iterator", args -> all.iterator(),
                "isUnsatisfied", args -> all.isEmpty(),
                "isAmbiguous", args -> all.size() > 1,
                "get", args -> {
                    if (all.size() != 1) {
                        throw new IllegalStateException(all.size() + " beans, not one");
                    }
                    return all.get(0);
                }));
    }

    /**
     * A container resource reduced to the methods given; default methods run as written, any other call fails with
     * the method's name, so the stand-in grows only when the code under test needs it to.
     */
    @SuppressWarnings("unchecked")
    static <T> T standIn(Class<T> type, Map<String, Function<Object[], Object>> methods) {
        InvocationHandler handler = (proxy, method, args) -> {
            Object[] given = args == null ? new Object[0] : args;
            if (methods.containsKey(method.getName())) {
                return methods.get(method.getName()).apply(given);
            }
            if (method.isDefault()) {
                return InvocationHandler.invokeDefault(proxy, method, given);
            }
            return switch (method.getName()) {
                case "toString" -> type.getSimpleName() + " stand-in";
                case "hashCode" -> System.identityHashCode(proxy);
                case "equals" -> proxy == given[0];
                default -> throw new UnsupportedOperationException(type.getSimpleName() + "." + method.getName()
                        + " is not stood in");
            };
        };
        return (T) Proxy.newProxyInstance(HandWiring.class.getClassLoader(), new Class<?>[]{type}, handler);
    }

    private static void invokeAll(Object bean, Class<? extends Annotation> annotation) {
        methods(bean.getClass()).stream().filter(m -> m.isAnnotationPresent(annotation)).forEach(m -> invoke(bean, m));
    }

    private static Object invoke(Object bean, Method method, Object... args) {
        try {
            method.setAccessible(true);
            return method.invoke(bean, args);
        } catch (InvocationTargetException e) {
            if (e.getCause() instanceof RuntimeException runtime) {
                throw runtime;
            }
            if (e.getCause() instanceof Error error) {
                throw error;
            }
            throw new IllegalStateException(e.getCause());
        } catch (IllegalAccessException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void set(Object bean, Field field, Object value) {
        try {
            field.setAccessible(true);
            field.set(bean, value);
        } catch (IllegalAccessException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Superclasses first, as the container calls their lifecycle methods first. */
    private static List<Class<?>> hierarchy(Class<?> type) {
        List<Class<?>> classes = new ArrayList<>();
        for (Class<?> c = type; c != null && c != Object.class; c = c.getSuperclass()) {
            classes.add(0, c);
        }
        return classes;
    }

    private static List<Field> fields(Class<?> type) {
        return hierarchy(type).stream().flatMap(c -> Arrays.stream(c.getDeclaredFields()))
                .filter(f -> !Modifier.isStatic(f.getModifiers())).toList();
    }

    private static List<Method> methods(Class<?> type) {
        return hierarchy(type).stream().flatMap(c -> Arrays.stream(c.getDeclaredMethods()))
                .filter(m -> !Modifier.isStatic(m.getModifiers()) && !m.isSynthetic()).toList();
    }
}
