site-title = Treffpunkt
site-tagline = Заходи про професійне навчання (Ausbildung) і роботу
skip-link = Перейти до вмісту
lang-switch-label = Мова
back-to-events = Назад до всіх заходів

events-heading = Заходи
events-intro = Зустрічі підприємців, інформаційні дні та батьківські вечори. Реєстрація безкоштовна, обліковий запис не потрібен.
events-none = Зараз немає відповідних заходів.
events-count = { $count ->
    [one] { $count } захід
    [few] { $count } заходи
    [many] { $count } заходів
   *[other] { $count } заходу
}
filter-heading = Фільтр заходів
filter-kind = Тип
filter-audience = Для кого
filter-language = Мова
filter-city = Місто
filter-any = Усі
filter-apply = Застосувати
filter-reset = Скинути фільтри

subscribe-heading = Підписатися на календар
subscribe-intro = Тоді ці заходи з’являться у Вашому календарі й автоматично оновлюватимуться.
subscribe-webcal = Підписатися в програмі-календарі (Apple, Outlook, Thunderbird)
subscribe-google = Підписатися в Google Календарі
subscribe-outlook = Підписатися у веб-версії Outlook
subscribe-copy = Або скопіюйте цю адресу у свій календар

kind-roundtable = Зустріч підприємців
kind-info_day = Інформаційний день
kind-parents_evening = Батьківський вечір
audience-employers = Роботодавці
audience-youth = Молодь
audience-parents = Батьки
audience-professionals = Кваліфіковані фахівці

event-when = Коли
event-where = Де
event-online = Онлайн
event-online-link = Посилання для участі онлайн
event-languages = Мови
event-for = Для кого
event-seats-left = { $seats ->
    [0] Вільних місць немає
    [one] Залишилося { $seats } місце
    [few] Залишилося { $seats } місця
    [many] Залишилося { $seats } місць
   *[other] Залишилося { $seats } місця
}
event-seats-unlimited = Є вільні місця
event-waitlist-open = Місць немає – можна записатися до списку очікування
event-full = Місць немає
event-cancelled = Скасовано
event-calendar = Додати до календаря
event-details = Детальніше
event-time-range = { $date }, з { $start } до { $end }

form-heading = Реєстрація
form-errors-heading = { $count ->
    [one] Будь ласка, виправте { $count } помилку:
    [few] Будь ласка, виправте { $count } помилки:
    [many] Будь ласка, виправте { $count } помилок:
   *[other] Будь ласка, виправте { $count } помилки:
}
form-name = Ім’я
form-email = Адреса електронної пошти
form-email-hint = На цю адресу ми надішлемо підтвердження та нагадування.
form-phone = Телефон
form-optional = (необов’язково)
form-party-size = Кількість осіб
form-party-size-hint = Разом із Вами, не більше { $max }.
form-language = Мова листів
form-interpreter = Вам потрібен перекладач?
form-interpreter-none = Ні, я розумію німецьку
form-interpreter-other = Інша мова
form-needs = Особливі потреби
form-needs-hint = Наприклад, догляд за дітьми або безбар’єрний доступ.
form-consent = { $days ->
    [one] Я погоджуюся на зберігання моїх даних для цього заходу. Їх буде видалено через { $days } день після заходу.
    [few] Я погоджуюся на зберігання моїх даних для цього заходу. Їх буде видалено через { $days } дні після заходу.
    [many] Я погоджуюся на зберігання моїх даних для цього заходу. Їх буде видалено через { $days } днів після заходу.
   *[other] Я погоджуюся на зберігання моїх даних для цього заходу. Їх буде видалено через { $days } дня після заходу.
}
form-submit = Зареєструватися
form-submit-waitlist = Записатися до списку очікування

error-name-required = Будь ласка, вкажіть Ваше ім’я.
error-name-too-long = Ім’я задовге. Максимальна кількість символів: { $max }.
error-name-control = Ім’я містить недопустимі символи.
error-email-invalid = Будь ласка, вкажіть правильну адресу електронної пошти, наприклад name@example.org.
error-phone-invalid = Будь ласка, вкажіть номер телефону, наприклад +49 221 123456.
error-party-size-range = Будь ласка, виберіть від 1 до { $max } осіб.
error-language-unknown = Будь ласка, виберіть мову зі списку.
error-interpreter-unknown = Будь ласка, виберіть мову зі списку.
error-needs-too-long = Будь ласка, напишіть коротше. Максимальна кількість символів: { $max }.
error-consent-required = Будь ласка, погодьтеся на зберігання даних, інакше ми не зможемо Вас зареєструвати.

conflict-event_cancelled = Цей захід скасовано.
conflict-registration_closed = Реєстрацію закрито.
conflict-registration_not_open = Реєстрація ще не відкрита.
conflict-event_full = На жаль, на цей захід більше немає вільних місць.
conflict-registration_cancelled = Ця реєстрація більше не дійсна.
registration-opens = Початок реєстрації: { $date }.
registration-closes = Останній термін реєстрації: { $date }.

registered-heading = Щиро дякуємо!
registered-pending = { $hours ->
    [one] Будь ласка, перевірте електронну пошту та підтвердьте реєстрацію протягом { $hours } години. Лише після цього місце буде закріплене за Вами.
    [few] Будь ласка, перевірте електронну пошту та підтвердьте реєстрацію протягом { $hours } годин. Лише після цього місце буде закріплене за Вами.
    [many] Будь ласка, перевірте електронну пошту та підтвердьте реєстрацію протягом { $hours } годин. Лише після цього місце буде закріплене за Вами.
   *[other] Будь ласка, перевірте електронну пошту та підтвердьте реєстрацію протягом { $hours } години. Лише після цього місце буде закріплене за Вами.
}
registered-confirmed = Вашу реєстрацію підтверджено. Ви отримаєте лист з усією інформацією.
registered-waitlisted = Усі місця зайняті. Ваш номер у списку очікування: { $position }. Якщо місце звільниться, ми Вам напишемо.
registered-already = Ви вже зареєстровані з цією адресою електронної пошти. Ми ще раз надіслали Вам посилання на Вашу реєстрацію.
registered-spam-hint = Не отримали листа? Будь ласка, перевірте також папку «Спам».

manage-heading = Ваша реєстрація
manage-status = Статус
manage-status-pending = Ще не підтверджено
manage-status-confirmed = Підтверджено
manage-status-waitlisted = У списку очікування
manage-status-cancelled = Скасовано
manage-pending-hint = Будь ласка, підтвердьте реєстрацію. Останній термін: { $until }. Інакше Ваше місце отримає інша людина.
manage-confirm = Підтвердити реєстрацію
manage-position = Ваш номер у списку очікування: { $position }.
manage-via-waitlist = Звільнилося місце – тепер воно Ваше.
manage-party = { $count ->
    [one] { $count } особа
    [few] { $count } особи
    [many] { $count } осіб
   *[other] { $count } особи
}
manage-cancel = Скасувати реєстрацію
manage-give-back = Відмовитися від місця
manage-cancel-hint = Не зможете прийти? Будь ласка, скасуйте реєстрацію, щоб Ваше місце отримав хтось інший.
manage-confirmed-now = Дякуємо, Вашу реєстрацію підтверджено.
manage-cancelled-now = Вашу реєстрацію скасовано. Шкода, що Ви не зможете прийти.
manage-cancelled = Ця реєстрація більше не діє.
manage-register-again = Зареєструватися знову

page-not-found = Такої сторінки немає. Можливо, посилання застаріле або неповне.
page-error = Щось пішло не так. Будь ласка, спробуйте ще раз за хвилину.
page-busy = Зараз дуже багато запитів одночасно. Будь ласка, спробуйте ще раз за хвилину – введені Вами дані збереглися.
page-too-large = Введений текст задовгий.
page-bad-request = Не вдалося прочитати введені дані.

slots-heading = Індивідуальна консультація
slots-event-hint = Після реєстрації ви можете забронювати час у консультанта на сторінці вашої реєстрації (посилання в електронному листі).
slots-languages = Мови
slots-none-free = Увесь час уже заброньовано.
slots-none-left = Вільного часу для консультацій більше немає.
slots-limit-hint = Ви можете забронювати до { $max } консультацій.
slots-limit-reached = Ви забронювали максимальну кількість консультацій. Ви можете скасувати або перенести консультацію.
slots-mine = Ваші консультації
slots-choose = Вільний час
slots-book = Забронювати цей час
slots-give-back = Скасувати
slots-move-to = Перенести на
slots-move = Перенести
slots-booked-now = Вашу консультацію заброньовано. Ми надіслали вам підтвердження електронною поштою.
slots-given-back-now = Ви скасували консультацію.
slots-moved-now = Вашу консультацію перенесено. Ми надіслали вам підтвердження електронною поштою.
slots-gone = Цього часу більше немає. Будь ласка, виберіть інший.
conflict-slot_taken = Цей час щойно забронював хтось інший. Будь ласка, виберіть інший.
conflict-slot_past = Цей час уже минув.
conflict-registration_inactive = Бронювати консультації можуть лише ті, хто має місце.
error-slot-limit = Ви можете забронювати щонайбільше { $max } консультацій.
error-slot-overlap = Цей час перетинається з часом, який ви вже забронювали.
error-slot-required = Будь ласка, виберіть час.
series-further-dates = Інші дати
