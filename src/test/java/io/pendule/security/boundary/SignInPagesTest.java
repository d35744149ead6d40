package io.pendule.security.boundary;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

class SignInPagesTest {

    @Test
    void afterSigningInOnlyAPathOfThisSiteIsFollowed() {
        assertEquals("/jobs/x?tab=runs", SignInPages.localPath("/jobs/x?tab=runs"));
        assertEquals("/", SignInPages.localPath(null));
        assertEquals("/", SignInPages.localPath("https://evil.example/"));
        assertEquals("/", SignInPages.localPath("//evil.example/"));
        assertEquals("/", SignInPages.localPath("/\\evil.example/"));
        assertEquals("/", SignInPages.localPath("/jobs\r\nSet-Cookie: x=y"));
        assertEquals("/", SignInPages.localPath("/login?next=/jobs"), "never back to the sign-in page");
    }
}
