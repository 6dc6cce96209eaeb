site-title = Treffpunkt
